import PleskAPI
import Synchronization

/// A scripted Plesk: lists set by the test, failures injected per call.
final class FakePleskSource: PleskSource {
    struct State {
        var domains: [PleskDomain] = []
        var clients: [PleskClient] = []
        /// Domain id → owning client id.
        var owners: [Int: Int] = [:]
        var failDomains: PleskAPIError.Reason?
        var failClients: PleskAPIError.Reason?
        var failOwnerLookups = false
        var calls: [PleskEndpoint: Int] = [:]
    }

    let targetName: String
    let state = Mutex(State())

    init(targetName: String) {
        self.targetName = targetName
    }

    func update(_ body: (inout State) -> Void) {
        state.withLock { body(&$0) }
    }

    func calls(_ endpoint: PleskEndpoint) -> Int {
        state.withLock { $0.calls[endpoint, default: 0] }
    }

    private func record(_ endpoint: PleskEndpoint) {
        state.withLock { $0.calls[endpoint, default: 0] += 1 }
    }

    private func error(_ reason: PleskAPIError.Reason, _ endpoint: PleskEndpoint) -> PleskAPIError {
        PleskAPIError(reason: reason, target: targetName, endpoint: endpoint, detail: "injected")
    }

    func server() async throws -> PleskServerInfo {
        record(.server)
        return PleskServerInfo(platform: "Unix", hostname: "fake.example", guid: "srv", panelVersion: "18.0.76")
    }

    func domains() async throws -> [PleskDomain] {
        record(.domains)
        let (domains, failure) = state.withLock { ($0.domains, $0.failDomains) }
        if let failure { throw error(failure, .domains) }
        return domains
    }

    func clients() async throws -> [PleskClient] {
        record(.clients)
        let (clients, failure) = state.withLock { ($0.clients, $0.failClients) }
        if let failure { throw error(failure, .clients) }
        return clients
    }

    func clientDomains(clientID: Int) async throws -> [PleskDomain] {
        record(.clientDomains)
        return state.withLock { state in
            state.domains.filter { state.owners[$0.id] == clientID }
        }
    }

    func domainOwner(domainID: Int) async throws -> PleskClient {
        record(.domainClient)
        let (client, fail) = state.withLock { state in
            (state.owners[domainID].flatMap { id in state.clients.first { $0.id == id } }, state.failOwnerLookups)
        }
        guard let client, !fail else { throw error(.http, .domainClient) }
        return client
    }

    func domainStatus(domainID: Int) async throws -> PleskDomainStatus {
        record(.domainStatus)
        return PleskDomainStatus(status: "active")
    }

    func clientStatistics(clientID: Int) async throws -> PleskClientStatistics {
        record(.clientStatistics)
        return PleskClientStatistics(activeDomains: 1)
    }
}

extension PleskDomain {
    static func make(_ id: Int, _ name: String, hosting: String = "virtual", base: Int = 0) -> PleskDomain {
        PleskDomain(
            id: id, name: name, asciiName: name, hostingType: hosting, baseDomainID: base,
            wwwRoot: hosting == "virtual" ? "/var/www/vhosts/\(name)/httpdocs" : "", guid: "dom-\(id)",
            created: "2024-01-01", aliases: [])
    }
}

extension PleskClient {
    static func make(_ id: Int, _ login: String, type: String = "customer", status: Int = 0) -> PleskClient {
        PleskClient(
            id: id, created: "2024-01-01", name: login.capitalized, company: "", login: login, status: status,
            email: "\(login)@example.com", locale: "en-US", guid: "cli-\(id)", description: "", type: type)
    }
}
