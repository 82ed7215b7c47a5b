/// Per-kind counts recorded with each successful poll (the source of `/api/v1/history`).
public struct PollCounts: Sendable, Hashable {
    public var domains: Int
    public var clients: Int
    public var aliases: Int
    /// Domains per hosting type, e.g. ["virtual": 10, "none": 2].
    public var domainsByHostingType: [String: Int]
    /// Clients per "type/status" bucket, e.g. ["customer/active": 4].
    public var clientsByTypeAndStatus: [String: Int]

    public init(
        domains: Int = 0, clients: Int = 0, aliases: Int = 0, domainsByHostingType: [String: Int] = [:],
        clientsByTypeAndStatus: [String: Int] = [:]
    ) {
        self.domains = domains
        self.clients = clients
        self.aliases = aliases
        self.domainsByHostingType = domainsByHostingType
        self.clientsByTypeAndStatus = clientsByTypeAndStatus
    }
}
