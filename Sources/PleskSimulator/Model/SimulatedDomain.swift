/// A domain (subscription, add-on domain or subdomain) as the simulator stores it.
///
/// `status` and `ownerClientID` are not part of the `/domains` item: Plesk serves them through
/// `/domains/{id}/status` and `/domains/{id}/client` (or `/clients/{id}/domains`).
public struct SimulatedDomain: Sendable, Hashable, Identifiable {
    /// `hosting_type`; a struct rather than an enum so tests can serve values Plesk may add later.
    public struct HostingType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { self.rawValue }

        public static let virtual: Self = "virtual"
        public static let standardForwarding: Self = "standard_forwarding"
        public static let frameForwarding: Self = "frame_forwarding"
        public static let none: Self = "none"
    }

    /// The value of `GET /domains/{id}/status`.
    public struct Status: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { self.rawValue }

        public static let active: Self = "active"
        public static let suspended: Self = "suspended"
        public static let disabled: Self = "disabled"
    }

    public var id: Int
    public var guid: String
    public var name: String
    /// Punycode form for IDNs, else equal to `name`.
    public var asciiName: String
    public var hostingType: HostingType
    /// 0 for a top-level domain, else the id of the domain this one belongs to.
    public var baseDomainID: Int
    /// `YYYY-MM-DD`.
    public var created: String
    public var aliases: [SimulatedDomainAlias]
    public var ownerClientID: Int
    public var status: Status

    public init(
        id: Int,
        guid: String,
        name: String,
        asciiName: String? = nil,
        hostingType: HostingType = .virtual,
        baseDomainID: Int = 0,
        created: String,
        aliases: [SimulatedDomainAlias] = [],
        ownerClientID: Int = SimulatedClient.adminID,
        status: Status = .active
    ) {
        self.id = id
        self.guid = guid
        self.name = name
        self.asciiName = asciiName ?? Punycode.asciiName(for: name)
        self.hostingType = hostingType
        self.baseDomainID = baseDomainID
        self.created = created
        self.aliases = aliases
        self.ownerClientID = ownerClientID
        self.status = status
    }

    /// `www_root`: the document root for virtual hosting, `""` otherwise (as real servers answer).
    public var wwwRoot: String {
        self.hostingType == .virtual ? "/var/www/vhosts/\(self.asciiName)/httpdocs" : ""
    }
}
