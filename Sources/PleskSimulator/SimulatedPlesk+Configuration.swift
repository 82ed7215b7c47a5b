import Logging

extension SimulatedPlesk {
    /// How a simulator listens and whom it lets in. Everything here except `host`, `port`, `tls` and
    /// `logger` can also be changed while it runs (see ``SimulatedPlesk``).
    public struct Configuration: Sendable {
        /// The certificate the HTTPS listener presents.
        public enum TLS: Sendable {
            /// Plain HTTP.
            case disabled
            /// A fresh self-signed P-256 certificate for `localhost` and `127.0.0.1`, valid from an hour ago for a year.
            case selfSigned
            /// This certificate and key (see ``TestCertificates`` or ``TestCertificate/init(certificatePEM:privateKeyPEM:)``).
            case certificate(TestCertificate)
        }

        /// The key accepted by default in `X-API-Key`.
        public static let defaultAPIKey = "5c3f9a1e-7b2d-4e8f-a6c4-1d2e3f4a5b6c"
        /// The Basic-auth user accepted by default.
        public static let defaultUsername = "admin"
        /// The default user's password.
        public static let defaultPassword = "simulated-password"

        /// Address to bind; loopback by default.
        public var host: String
        /// 0 picks a free port (and a restarted simulator then reuses the port it got first).
        public var port: Int
        public var tls: TLS
        /// Basic-auth users (login → password), also accepted as `HTTP_AUTH_LOGIN`/`HTTP_AUTH_PASSWD` by the XML API.
        public var users: [String: String]
        /// Keys accepted in `X-API-Key` (and in the XML API's `KEY`) from the start.
        public var apiKeys: Set<String>
        /// How long a key minted by `POST /auth/keys` answers 401 (real servers take a few seconds).
        public var keyActivationDelay: Duration
        /// Whether domain items carry `aliases`; false mimics Plesk before 18.0.42 (the key is absent).
        public var includeAliases: Bool
        /// Declaration and layout of XML API answers.
        public var xmlOutput: XMLOutput
        /// Whether `webspace`, `customer` and `reseller` results answering an empty filter (or `<all/>`) carry
        /// `filter-id`: real servers send one, its value there is undocumented (the simulator sends the id).
        public var xmlFilterIDForEmptyFilter: Bool
        /// How many requests the log keeps (the oldest are dropped; counters stay exact).
        public var requestLogLimit: Int
        /// Called with the bound port each time the listener is up.
        public var onServerRunning: (@Sendable (Int) async -> Void)?
        public var logger: Logger

        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            tls: TLS = .selfSigned,
            users: [String: String] = [Self.defaultUsername: Self.defaultPassword],
            apiKeys: Set<String> = [Self.defaultAPIKey],
            keyActivationDelay: Duration = .zero,
            includeAliases: Bool = true,
            xmlOutput: XMLOutput = .varying,
            xmlFilterIDForEmptyFilter: Bool = true,
            requestLogLimit: Int = 100_000,
            onServerRunning: (@Sendable (Int) async -> Void)? = nil,
            logger: Logger? = nil
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.users = users
            self.apiKeys = apiKeys
            self.keyActivationDelay = keyActivationDelay
            self.includeAliases = includeAliases
            self.xmlOutput = xmlOutput
            self.xmlFilterIDForEmptyFilter = xmlFilterIDForEmptyFilter
            self.requestLogLimit = requestLogLimit
            self.onServerRunning = onServerRunning
            self.logger =
                logger
                ?? {
                    var logger = Logger(label: "PleskSimulator")
                    logger.logLevel = .warning
                    return logger
                }()
        }
    }
}
