import PleskAPI
import Synchronization

/// A scripted Plesk for tests of the poller and the HTTP surface: lists set by the test, failures injected per
/// call, calls counted.
public final class FakePleskSource: PleskSource {
    public struct State: Sendable {
        public var domains: [PleskDomain] = []
        public var clients: [PleskClient] = []
        /// Domain id → owning client id.
        public var owners: [Int: Int] = [:]
        public var server = PleskServerInfo(
            platform: "Unix", hostname: "fake.example", guid: "srv", panelVersion: "18.0.76")
        /// Client id → statistics; clients without an entry report `active_domains` 1.
        public var statistics: [Int: PleskClientStatistics] = [:]
        public var failDomains: PleskAPIError.Reason?
        public var failClients: PleskAPIError.Reason?
        public var subscriptions: [PleskSubscription] = []
        public var plans: [PleskServicePlan] = []
        /// Fails the XML API's `webspace get` / `service-plan get` with this reason.
        public var failSubscriptions: PleskAPIError.Reason?
        public var failPlans: PleskAPIError.Reason?
        public var failOwnerLookups = false
        /// `/domains` never answers (until the calling task is cancelled), like a server that hangs.
        public var hangDomains = false
        public var calls: [PleskEndpoint: Int] = [:]
    }

    public let targetName: String
    public let state = Mutex(State())

    public init(targetName: String) {
        self.targetName = targetName
    }

    public func update(_ body: (inout State) -> Void) {
        state.withLock { body(&$0) }
    }

    public func calls(_ endpoint: PleskEndpoint) -> Int {
        state.withLock { $0.calls[endpoint, default: 0] }
    }

    private func record(_ endpoint: PleskEndpoint) {
        state.withLock { $0.calls[endpoint, default: 0] += 1 }
    }

    private func error(_ reason: PleskAPIError.Reason, _ endpoint: PleskEndpoint) -> PleskAPIError {
        PleskAPIError(reason: reason, target: targetName, endpoint: endpoint, detail: "injected failure")
    }

    public func server() async throws -> PleskServerInfo {
        record(.server)
        return state.withLock { $0.server }
    }

    public func domains() async throws -> [PleskDomain] {
        record(.domains)
        let (domains, failure, hang) = state.withLock { ($0.domains, $0.failDomains, $0.hangDomains) }
        if hang { try await Task.sleep(for: .seconds(86_400)) }
        if let failure { throw error(failure, .domains) }
        return domains
    }

    public func clients() async throws -> [PleskClient] {
        record(.clients)
        let (clients, failure) = state.withLock { ($0.clients, $0.failClients) }
        if let failure { throw error(failure, .clients) }
        return clients
    }

    public func subscriptions() async throws -> [PleskSubscription] {
        record(.subscriptions)
        let (subscriptions, failure) = state.withLock { ($0.subscriptions, $0.failSubscriptions) }
        if let failure { throw error(failure, .subscriptions) }
        return subscriptions
    }

    public func servicePlans() async throws -> [PleskServicePlan] {
        record(.servicePlans)
        let (plans, failure) = state.withLock { ($0.plans, $0.failPlans) }
        if let failure { throw error(failure, .servicePlans) }
        return plans
    }

    public func clientDomains(clientID: Int) async throws -> [PleskDomain] {
        record(.clientDomains)
        return state.withLock { state in state.domains.filter { state.owners[$0.id] == clientID } }
    }

    public func domainOwner(domainID: Int) async throws -> PleskClient {
        record(.domainClient)
        let (client, fail) = state.withLock { state in
            (state.owners[domainID].flatMap { id in state.clients.first { $0.id == id } }, state.failOwnerLookups)
        }
        guard let client, !fail else { throw error(.http, .domainClient) }
        return client
    }

    public func domainStatus(domainID: Int) async throws -> PleskDomainStatus {
        record(.domainStatus)
        return PleskDomainStatus(status: "active")
    }

    public func clientStatistics(clientID: Int) async throws -> PleskClientStatistics {
        record(.clientStatistics)
        return state.withLock { $0.statistics[clientID] } ?? PleskClientStatistics(activeDomains: 1)
    }
}

extension PleskDomain {
    /// A domain with realistic fields; guid `dom-<id>`.
    public static func make(
        _ id: Int, _ name: String, hosting: String = "virtual", base: Int = 0, aliases: [String] = []
    ) -> PleskDomain {
        PleskDomain(
            id: id, name: name, asciiName: name, hostingType: hosting, baseDomainID: base,
            wwwRoot: hosting == "virtual" ? "/var/www/vhosts/\(name)/httpdocs" : "", guid: "dom-\(id)",
            created: "2024-01-01", aliases: aliases.map { PleskDomainAlias(name: $0) })
    }
}

extension PleskClient {
    /// A client with realistic fields; guid `cli-<id>`.
    public static func make(_ id: Int, _ login: String, type: String = "customer", status: Int = 0) -> PleskClient {
        PleskClient(
            id: id, created: "2024-01-01", name: login.capitalized, company: "", login: login, status: status,
            email: "\(login)@example.com", locale: "en-US", guid: "cli-\(id)", description: "", type: type)
    }
}

extension PleskSubscription {
    /// A subscription with realistic fields; guid `sub-<id>`, owned by `owner` (a client id), on `plan` (a guid).
    public static func make(
        _ id: Int, _ name: String, status: Int = 0, owner: Int = 1, plan: String? = "plan-1", disk: Int64 = 1_048_576,
        diskLimit: Int64 = -1
    ) -> PleskSubscription {
        PleskSubscription(
            id: id, guid: "sub-\(id)", name: name, asciiName: name, created: "2024-01-01", status: status,
            ownerID: owner, ownerLogin: owner == 1 ? "admin" : nil, hostingType: "vrt_hst", externalID: nil,
            planGUIDs: plan.map { [$0] } ?? [], locked: false, synchronized: true,
            usage: PleskSubscriptionUsage(
                diskBytes: disk, trafficBytes: 0, trafficPreviousDayBytes: 0, overuse: "block",
                limits: ["disk_space": diskLimit, "max_traffic": -1]))
    }
}

extension PleskServicePlan {
    /// A service plan; guid `plan-<id>`.
    public static func make(_ id: Int, _ name: String, diskLimit: Int64 = 10_737_418_240) -> PleskServicePlan {
        PleskServicePlan(
            id: id, guid: "plan-\(id)", name: name, ownerID: 1, ownerLogin: "admin", overuse: "block",
            limits: ["disk_space": diskLimit, "max_site": 5])
    }
}
