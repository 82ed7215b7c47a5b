import PleskAPI
import Synchronization

/// A scripted Plesk: lists set by the test, failures injected per call.
final class FakePleskSource: PleskSource {
    struct State {
        var domains: [PleskDomain] = []
        var clients: [PleskClient] = []
        /// Domain id → owning client id.
        var owners: [Int: Int] = [:]
        var failLists: PleskAPIError.Reason?
        var server = PleskServerInfo(
            platform: "Unix", hostname: "fake.example", guid: "srv", panelVersion: "18.0.76")
    }

    let targetName: String
    private let state = Mutex(State())

    init(targetName: String) {
        self.targetName = targetName
    }

    func update(_ body: (inout State) -> Void) {
        state.withLock { body(&$0) }
    }

    private func error(_ reason: PleskAPIError.Reason, _ endpoint: PleskEndpoint) -> PleskAPIError {
        PleskAPIError(reason: reason, target: targetName, endpoint: endpoint, detail: "injected failure")
    }

    func server() async throws -> PleskServerInfo {
        state.withLock { $0.server }
    }

    func domains() async throws -> [PleskDomain] {
        let (domains, failure) = state.withLock { ($0.domains, $0.failLists) }
        if let failure { throw error(failure, .domains) }
        return domains
    }

    func clients() async throws -> [PleskClient] {
        let (clients, failure) = state.withLock { ($0.clients, $0.failLists) }
        if let failure { throw error(failure, .clients) }
        return clients
    }

    func clientDomains(clientID: Int) async throws -> [PleskDomain] {
        state.withLock { state in state.domains.filter { state.owners[$0.id] == clientID } }
    }

    func domainOwner(domainID: Int) async throws -> PleskClient {
        let client = state.withLock { state in
            state.owners[domainID].flatMap { id in state.clients.first { $0.id == id } }
        }
        guard let client else { throw error(.http, .domainClient) }
        return client
    }

    func domainStatus(domainID: Int) async throws -> PleskDomainStatus {
        PleskDomainStatus(status: "active")
    }

    func clientStatistics(clientID: Int) async throws -> PleskClientStatistics {
        PleskClientStatistics(activeDomains: 1)
    }
}

extension PleskDomain {
    static func make(_ id: Int, _ name: String, hosting: String = "virtual", aliases: [String] = []) -> PleskDomain {
        PleskDomain(
            id: id, name: name, asciiName: name, hostingType: hosting, baseDomainID: 0,
            wwwRoot: hosting == "virtual" ? "/var/www/vhosts/\(name)/httpdocs" : "", guid: "dom-\(id)",
            created: "2024-01-01", aliases: aliases.map { PleskDomainAlias(name: $0) })
    }
}

extension PleskClient {
    static func make(_ id: Int, _ login: String, type: String = "customer", status: Int = 0) -> PleskClient {
        PleskClient(
            id: id, created: "2024-01-01", name: login.capitalized, company: "", login: login, status: status,
            email: "\(login)@example.com", locale: "en-US", guid: "cli-\(id)", description: "", type: type)
    }
}
