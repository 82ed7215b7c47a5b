import PleskAPI

/// What a poll needs of a listed domain besides its fields: its ids for enrichment calls, its facts for counting.
struct ListedDomain: Sendable {
    var id: Int
    var baseDomainID: Int
    var hostingType: String
    var aliases: Int

    init(_ domain: PleskDomain) {
        id = domain.id
        baseDomainID = domain.baseDomainID
        // Plesk's own values as literals: 100,000 remembered domains then hold no copy of them.
        hostingType = Self.hostingTypes.first { $0 == domain.hostingType } ?? domain.hostingType
        aliases = domain.aliases?.count ?? 0
    }

    private static let hostingTypes = ["virtual", "standard_forwarding", "frame_forwarding", "none"]
}

/// What a poll needs of a listed client besides its fields.
struct ListedClient: Sendable {
    var id: Int
    var login: String
    /// The `type/status` bucket of `plesk_clients`.
    var bucket: String

    init(_ client: PleskClient) {
        id = client.id
        login = client.login
        bucket = "\(client.type)/\(client.statusLabel)"
    }
}
