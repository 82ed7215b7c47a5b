import InventoryModel
import PleskAPI

/// What a poll needs of a listed domain besides its fields: its ids for enrichment calls, its facts for counting.
struct ListedDomain: Sendable {
    var id: Int
    var baseDomainID: Int
    var hostingType: String
    var aliases: Int

    init(_ domain: PleskDomain) {
        self.init(
            id: domain.id, baseDomainID: domain.baseDomainID, aliases: domain.aliases?.count ?? 0,
            hostingType: domain.hostingType)
    }

    init(id: Int, baseDomainID: Int, aliases: Int, hostingType: String) {
        self.id = id
        self.baseDomainID = baseDomainID
        self.aliases = aliases
        // Plesk's own values as literals: 100,000 remembered domains then hold no copy of them.
        self.hostingType = Self.hostingTypes.first { $0 == hostingType } ?? hostingType
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
        self.init(id: client.id, login: client.login, bucket: "\(client.type)/\(ClientStatus.label(client.status))")
    }

    init(id: Int, login: String, bucket: String) {
        self.id = id
        self.login = login
        self.bucket = bucket
    }
}
