/// How the exporter authenticates to one Plesk server.
public enum Credentials: Sendable, Hashable, CustomStringConvertible {
    /// `X-API-Key` header, from `api_key` or `api_key_file`.
    case apiKey(Secret)
    /// HTTP Basic, from `basic_auth`.
    case basic(username: String, password: Secret)

    /// The configuration key that supplied the credentials: `api_key` or `basic_auth`.
    public var kind: String {
        switch self {
        case .apiKey: "api_key"
        case .basic: "basic_auth"
        }
    }

    public var description: String {
        switch self {
        case .apiKey: "api_key(<secret>)"
        case .basic(let username, _): "basic_auth(\(username), <secret>)"
        }
    }
}
