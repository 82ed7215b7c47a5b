extension SimulatedPlesk {
    /// The simulated REST endpoints (under `/api/v2`), the unit of fault injection and request counting.
    public enum Endpoint: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// `GET /server`
        case server
        /// `GET /domains` (optionally `?name=`)
        case domains
        /// `GET /clients`
        case clients
        /// `GET /clients/{id}/domains`
        case clientDomains
        /// `GET /domains/{id}/client`
        case domainClient
        /// `GET /domains/{id}/status`
        case domainStatus
        /// `GET /clients/{id}/statistics`
        case clientStatistics
        /// `POST /auth/keys`
        case authKeys

        public var description: String { self.rawValue }

        /// The route pattern, e.g. `/api/v2/clients/{id}/domains`.
        public var pathPattern: String {
            switch self {
            case .server: "/api/v2/server"
            case .domains: "/api/v2/domains"
            case .clients: "/api/v2/clients"
            case .clientDomains: "/api/v2/clients/{id}/domains"
            case .domainClient: "/api/v2/domains/{id}/client"
            case .domainStatus: "/api/v2/domains/{id}/status"
            case .clientStatistics: "/api/v2/clients/{id}/statistics"
            case .authKeys: "/api/v2/auth/keys"
            }
        }

        /// The one method each endpoint answers; others get 405.
        public var method: String {
            self == .authKeys ? "POST" : "GET"
        }

        /// Whether a successful answer is a JSON array (else an object).
        public var returnsArray: Bool {
            self == .domains || self == .clients || self == .clientDomains
        }
    }
}
