import InventoryModel

/// Counts of one successful poll, as the targets, polls and history endpoints show them.
public struct CountsDTO: Codable, Sendable, Hashable {
    public var domains: Int
    public var domainsByHostingType: [String: Int]
    public var domainAliases: Int
    public var clients: Int
    /// account type → status → count, e.g. `{"customer": {"active": 4, "disabled": 1}}`.
    public var clientsByAccountType: [String: [String: Int]]

    enum CodingKeys: String, CodingKey {
        case domains, clients
        case domainsByHostingType = "domains_by_hosting_type"
        case domainAliases = "domain_aliases"
        case clientsByAccountType = "clients_by_account_type"
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
}
