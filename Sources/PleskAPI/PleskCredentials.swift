/// How the exporter authenticates to Plesk. Never printed: `description` is redacted.
public enum PleskCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `X-API-Key` header (preferred).
    case apiKey(String)
    /// HTTP Basic (`admin` or `root`).
    case basic(username: String, password: String)

    public var description: String {
        switch self {
        case .apiKey: "api-key(<secret>)"
        case .basic(let username, _): "basic(\(username), <secret>)"
        }
    }

    public var debugDescription: String { description }

    /// The auth kind, for logs and the targets API.
    public var kind: String {
        switch self {
        case .apiKey: "api_key"
        case .basic: "basic_auth"
        }
    }
}
