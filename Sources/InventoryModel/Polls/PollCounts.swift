/// Per-kind counts recorded with each successful poll (the source of `/api/v1/history`).
///
/// A kind that was not collected (switched off, or its XML API call failed) carries its last known counts when the
/// poller remembers them, else nil.
public struct PollCounts: Sendable, Hashable {
    public var domains: Int
    public var clients: Int
    public var aliases: Int
    /// Domains per hosting type, e.g. ["virtual": 10, "none": 2].
    public var domainsByHostingType: [String: Int]
    /// Clients per "type/status" bucket, e.g. ["customer/active": 4].
    public var clientsByTypeAndStatus: [String: Int]
    /// Subscriptions; nil when never collected.
    public var subscriptions: Int?
    /// Subscriptions per primary status (``SubscriptionStatus/primary(_:)``).
    public var subscriptionsByStatus: [String: Int]
    /// Subscriptions over a disk or traffic limit.
    public var subscriptionsOverLimit: Int?
    /// Service plans; nil when never collected.
    public var plans: Int?

    public init(
        domains: Int = 0, clients: Int = 0, aliases: Int = 0, domainsByHostingType: [String: Int] = [:],
        clientsByTypeAndStatus: [String: Int] = [:], subscriptions: Int? = nil,
        subscriptionsByStatus: [String: Int] = [:], subscriptionsOverLimit: Int? = nil, plans: Int? = nil
    ) {
        self.domains = domains
        self.clients = clients
        self.aliases = aliases
        self.domainsByHostingType = domainsByHostingType
        self.clientsByTypeAndStatus = clientsByTypeAndStatus
        self.subscriptions = subscriptions
        self.subscriptionsByStatus = subscriptionsByStatus
        self.subscriptionsOverLimit = subscriptionsOverLimit
        self.plans = plans
    }
}
