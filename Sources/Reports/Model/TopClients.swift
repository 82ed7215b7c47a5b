/// The clients owning the most domains at the end of the period. Owners come from enrichment (`collect.owners`):
/// a domain's stored `owner` field is its client's login.
public struct TopClients: Sendable, Hashable, Encodable {
    public struct Entry: Sendable, Hashable, Encodable {
        public var login: String
        /// The client's name, when the client is in the inventory.
        public var name: String?
        public var domains: Int

        public init(login: String, name: String?, domains: Int) {
            self.login = login
            self.name = name
            self.domains = domains
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(login, forKey: .login)
            try container.encode(name, forKey: .name)
            try container.encode(domains, forKey: .domains)
        }

        enum CodingKeys: String, CodingKey { case login, name, domains }
    }

    /// False when the target has domains but none has a known owner (owners are not collected).
    public var ownersCollected: Bool
    /// Domains without a known owner.
    public var domainsWithoutOwner: Int
    /// Distinct owners of at least one domain.
    public var owners: Int
    /// Most domains first, then by login.
    public var clients: [Entry]

    public init(ownersCollected: Bool, domainsWithoutOwner: Int, owners: Int, clients: [Entry]) {
        self.ownersCollected = ownersCollected
        self.domainsWithoutOwner = domainsWithoutOwner
        self.owners = owners
        self.clients = clients
    }

    enum CodingKeys: String, CodingKey {
        case owners, clients
        case ownersCollected = "owners_collected"
        case domainsWithoutOwner = "domains_without_owner"
    }
}
