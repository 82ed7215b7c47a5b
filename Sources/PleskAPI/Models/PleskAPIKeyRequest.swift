/// Body of `POST /api/v2/auth/keys` (`SecretKeyRequest`); every field optional.
public struct PleskAPIKeyRequest: Sendable, Hashable, Codable {
    public var ip: String?
    public var ips: [String]?
    public var login: String?
    public var description: String?

    public init(ip: String? = nil, ips: [String]? = nil, login: String? = nil, description: String? = nil) {
        self.ip = ip
        self.ips = ips
        self.login = login
        self.description = description
    }
}

/// Response of `POST /api/v2/auth/keys` (`SecretKeyResponse`).
struct PleskAPIKeyResponse: Decodable {
    var key: String
}
