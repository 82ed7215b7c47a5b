extension SimulatedPlesk {
    /// How a request tried to authenticate. On the XML API, `KEY` is recorded as ``apiKey(_:)`` and
    /// `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD` as ``basic(username:)``.
    public enum AuthMethod: Sendable, Hashable, CustomStringConvertible {
        case none
        /// `X-API-Key: <key>` (the key is kept so tests can check which key was used).
        case apiKey(String)
        /// `Authorization: Basic …` with this user name (the password is not kept).
        case basic(username: String)

        public var description: String {
            switch self {
            case .none: "none"
            case .apiKey: "apiKey"
            case .basic(let username): "basic(\(username))"
            }
        }
    }

    /// One request as the simulator received it.
    public struct RequestRecord: Sendable, Hashable {
        /// Position in arrival order, from 1.
        public var sequence: Int
        /// Nil for paths that are not a simulated endpoint (404/405).
        public var endpoint: Endpoint?
        public var method: String
        /// Path and query exactly as received (so tests can check that no key ever appears in a URL).
        public var uri: String
        public var auth: AuthMethod
        /// Whether the credentials were valid for this endpoint.
        public var authenticated: Bool
        /// The fault applied instead of (or, for `delay`, before) the normal answer.
        public var fault: Fault?
        /// Request headers, names lower-cased, repeated fields joined with ", ".
        public var headers: [String: String]
        /// The packet of an XML API request (up to 64 KiB of it); nil for REST requests.
        public var body: String?

        public init(
            sequence: Int,
            endpoint: Endpoint?,
            method: String,
            uri: String,
            auth: AuthMethod,
            authenticated: Bool,
            fault: Fault?,
            headers: [String: String],
            body: String? = nil
        ) {
            self.sequence = sequence
            self.endpoint = endpoint
            self.method = method
            self.uri = uri
            self.auth = auth
            self.authenticated = authenticated
            self.fault = fault
            self.headers = headers
            self.body = body
        }
    }

    /// A key minted by `POST /auth/keys`, with what the request asked for.
    public struct IssuedAPIKey: Sendable, Hashable {
        public var key: String
        /// The Basic-auth user that created it.
        public var createdBy: String
        public var ip: String?
        public var ips: [String]?
        public var login: String?
        public var description: String?
    }
}
