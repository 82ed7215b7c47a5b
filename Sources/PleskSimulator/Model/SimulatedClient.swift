/// A Plesk account (the admin, a reseller or a customer) as the simulator stores it.
public struct SimulatedClient: Sendable, Hashable, Identifiable {
    /// The administrator's account id; it is always present.
    public static let adminID = 1

    /// `type`: `admin`, `reseller` or `customer`.
    public struct AccountType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { self.rawValue }

        public static let admin: Self = "admin"
        public static let reseller: Self = "reseller"
        public static let customer: Self = "customer"
    }

    /// `status`: an integer; other bit values are possible on real servers.
    public struct Status: RawRepresentable, Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
        public var rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public init(integerLiteral value: Int) { self.rawValue = value }
        public var description: String { String(self.rawValue) }

        public static let active: Self = 0
        public static let underBackupRestore: Self = 4
        public static let disabledByAdmin: Self = 16
        public static let expired: Self = 256
    }

    public var id: Int
    public var guid: String
    public var login: String
    public var name: String
    public var company: String
    public var email: String
    public var locale: String
    public var status: Status
    public var type: AccountType
    /// Omitted from the JSON when nil.
    public var ownerLogin: String?
    /// Omitted from the JSON when nil.
    public var externalID: String?
    public var description: String
    /// `YYYY-MM-DD`.
    public var created: String
    /// Served by `/clients/{id}/statistics`; nil means "derived from the client's domains".
    public var statistics: SimulatedClientStatistics?

    public init(
        id: Int,
        guid: String,
        login: String,
        name: String,
        company: String = "",
        email: String = "",
        locale: String = "en-US",
        status: Status = .active,
        type: AccountType = .customer,
        ownerLogin: String? = "admin",
        externalID: String? = nil,
        description: String = "",
        created: String,
        statistics: SimulatedClientStatistics? = nil
    ) {
        self.id = id
        self.guid = guid
        self.login = login
        self.name = name
        self.company = company
        self.email = email
        self.locale = locale
        self.status = status
        self.type = type
        self.ownerLogin = ownerLogin
        self.externalID = externalID
        self.description = description
        self.created = created
        self.statistics = statistics
    }
}
