/// A client account (customer, reseller or the admin) as `GET /api/v2/clients` returns it (Plesk's `Client`).
public struct PleskClient: Sendable, Hashable, Codable {
    public var id: Int
    public var created: String
    public var name: String
    /// Required by the schema but seen missing on real servers, so optional here.
    public var company: String?
    public var login: String
    /// 0 active, 16 disabled by admin, 4 under backup/restore, 256 expired; other values are opaque.
    public var status: Int
    public var email: String?
    public var locale: String?
    public var guid: String
    public var ownerLogin: String?
    public var externalID: String?
    public var description: String?
    /// `admin`, `reseller` or `customer`.
    public var type: String

    public init(
        id: Int, created: String, name: String, company: String? = nil, login: String, status: Int,
        email: String? = nil, locale: String? = nil, guid: String, ownerLogin: String? = nil,
        externalID: String? = nil, description: String? = nil, type: String
    ) {
        self.id = id
        self.created = created
        self.name = name
        self.company = company
        self.login = login
        self.status = status
        self.email = email
        self.locale = locale
        self.guid = guid
        self.ownerLogin = ownerLogin
        self.externalID = externalID
        self.description = description
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case id, created, name, company, login, status, email, locale, guid, description, type
        case ownerLogin = "owner_login"
        case externalID = "external_id"
    }
}
