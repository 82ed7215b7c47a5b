import Hummingbird

/// Where a request goes, decided from method and path alone (before authentication, as Plesk does:
/// an unknown path is 404 and a wrong method 405 even without credentials).
enum Route: Equatable {
    case endpoint(SimulatedPlesk.Endpoint, id: Substring?)
    /// `/enterprise/control/agent.php`, any method: the operator is in the body.
    case xmlAPI
    case methodNotAllowed(allowed: String)
    /// Under `/api/v2` but no such route.
    case pageNotFound
    /// Not under `/api/v2` at all (the panel's own pages).
    case outsideAPI

    static let xmlAPIPath = "/enterprise/control/agent.php"

    init(method: HTTPRequest.Method, path: String) {
        if path == Self.xmlAPIPath {
            self = .xmlAPI
            return
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 3, segments[0].isEmpty, segments[1] == "api", segments[2] == "v2" else {
            self = .outsideAPI
            return
        }
        let rest = segments.dropFirst(3)
        var endpoint: SimulatedPlesk.Endpoint?
        var id: Substring?
        switch Array(rest) {
        case ["server"]: endpoint = .server
        case ["domains"]: endpoint = .domains
        case ["clients"]: endpoint = .clients
        case ["auth", "keys"]: endpoint = .authKeys
        case let parts where parts.count == 3 && parts[0] == "clients" && parts[2] == "domains":
            endpoint = .clientDomains
            id = parts[1]
        case let parts where parts.count == 3 && parts[0] == "clients" && parts[2] == "statistics":
            endpoint = .clientStatistics
            id = parts[1]
        case let parts where parts.count == 3 && parts[0] == "domains" && parts[2] == "client":
            endpoint = .domainClient
            id = parts[1]
        case let parts where parts.count == 3 && parts[0] == "domains" && parts[2] == "status":
            endpoint = .domainStatus
            id = parts[1]
        default: break
        }
        guard let endpoint, id.map({ !$0.isEmpty }) ?? true else {
            self = .pageNotFound
            return
        }
        guard method.rawValue == endpoint.method else {
            self = .methodNotAllowed(allowed: endpoint.method)
            return
        }
        self = .endpoint(endpoint, id: id)
    }
}
