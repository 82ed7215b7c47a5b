/// The Plesk REST API v2 calls the exporter makes. `rawValue` is the `endpoint` metric label.
public enum PleskEndpoint: String, Sendable, Hashable, CaseIterable {
    case server
    case domains
    case clients
    case clientDomains = "client_domains"
    case domainClient = "domain_client"
    case domainStatus = "domain_status"
    case clientStatistics = "client_statistics"
    case createAPIKey = "auth_keys"

    /// The path template, as an operator would recognise it in logs.
    public var pathTemplate: String {
        switch self {
        case .server: "/api/v2/server"
        case .domains: "/api/v2/domains"
        case .clients: "/api/v2/clients"
        case .clientDomains: "/api/v2/clients/{id}/domains"
        case .domainClient: "/api/v2/domains/{id}/client"
        case .domainStatus: "/api/v2/domains/{id}/status"
        case .clientStatistics: "/api/v2/clients/{id}/statistics"
        case .createAPIKey: "/api/v2/auth/keys"
        }
    }

    func path(id: Int?) -> String {
        guard let id else { return pathTemplate }
        return pathTemplate.replacingOccurrences(of: "{id}", with: String(id))
    }
}
