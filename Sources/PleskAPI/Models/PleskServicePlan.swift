/// A service plan as one `service-plan get` result carries it (fields directly in `result`, no `data`).
public struct PleskServicePlan: Sendable, Hashable, Codable {
    public var id: Int
    public var guid: String
    public var name: String
    /// `external-id`; nil when empty.
    public var externalID: String?
    /// `owner-id`: the admin's or a reseller's client id.
    public var ownerID: Int?
    /// `owner-login`, when sent.
    public var ownerLogin: String?
    /// `limits/overuse`.
    public var overuse: String?
    /// `limits/limit`: name → value (`-1` unlimited). Values that are not integers are left out.
    public var limits: [String: Int64]

    public init(
        id: Int, guid: String, name: String, externalID: String? = nil, ownerID: Int? = nil, ownerLogin: String? = nil,
        overuse: String? = nil, limits: [String: Int64] = [:]
    ) {
        self.id = id
        self.guid = guid
        self.name = name
        self.externalID = externalID
        self.ownerID = ownerID
        self.ownerLogin = ownerLogin
        self.overuse = overuse
        self.limits = limits
    }
}
