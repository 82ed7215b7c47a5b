import InventoryModel

/// Counts of one successful poll, as the targets, polls and history endpoints show them.
public struct CountsDTO: Codable, Sendable, Hashable {
    public var domains: Int
    public var domainsByHostingType: [String: Int]
    public var domainAliases: Int
    public var clients: Int
    /// account type → status → count, e.g. `{"customer": {"active": 4, "disabled": 1}}`.
    public var clientsByAccountType: [String: [String: Int]]
    /// Present once the target's subscriptions were collected (the last known count when a poll could not).
    public var subscriptions: Int?
    public var subscriptionsByStatus: [String: Int]?
    public var subscriptionsOverLimit: Int?
    public var servicePlans: Int?

    enum CodingKeys: String, CodingKey {
        case domains, clients, subscriptions
        case domainsByHostingType = "domains_by_hosting_type"
        case domainAliases = "domain_aliases"
        case clientsByAccountType = "clients_by_account_type"
        case subscriptionsByStatus = "subscriptions_by_status"
        case subscriptionsOverLimit = "subscriptions_over_limit"
        case servicePlans = "service_plans"
    }

    public init(_ counts: PollCounts) {
        domains = counts.domains
        domainsByHostingType = counts.domainsByHostingType
        domainAliases = counts.aliases
        clients = counts.clients
        var byType: [String: [String: Int]] = [:]
        for (key, count) in counts.clientsByTypeAndStatus {
            let (type, status) = InventoryMetrics.splitTypeAndStatus(key)
            byType[type, default: [:]][status, default: 0] += count
        }
        clientsByAccountType = byType
        subscriptions = counts.subscriptions
        subscriptionsByStatus = counts.subscriptions == nil ? nil : counts.subscriptionsByStatus
        subscriptionsOverLimit = counts.subscriptionsOverLimit
        servicePlans = counts.plans
    }
}

/// `{"reason": "timeout", "message": "…"}` of a failed poll.
public struct PollErrorDTO: Codable, Sendable, Hashable {
    public var reason: String
    public var message: String
}

/// Removals held by the guard, per object kind.
public struct HeldRemovalsDTO: Codable, Sendable, Hashable {
    public var domain: Int
    public var client: Int
    public var subscription: Int
    public var plan: Int

    public init(domain: Int, client: Int, subscription: Int = 0, plan: Int = 0) {
        self.domain = domain
        self.client = client
        self.subscription = subscription
        self.plan = plan
    }

    init(_ poll: PollRecord) {
        self.init(
            domain: poll.heldDomains, client: poll.heldClients, subscription: poll.heldSubscriptions,
            plan: poll.heldPlans)
    }
}

/// Whether the last poll collected one kind, and why not.
public struct CollectStateDTO: Codable, Sendable, Hashable {
    public var up: Bool
    public var error: PollErrorDTO?

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(up, forKey: .up)
        try container.encode(error, forKey: .error)
    }
}
