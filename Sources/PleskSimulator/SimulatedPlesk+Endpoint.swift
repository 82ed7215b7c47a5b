extension SimulatedPlesk {
    /// The simulated REST endpoints (under `/api/v2`) and XML API operators (`POST /enterprise/control/agent.php`),
    /// the unit of fault injection and request counting.
    ///
    /// A packet to `agent.php` counts for ``xmlAPI`` and for each operator it holds. A fault on ``xmlAPI`` hits every
    /// packet; a fault on an operator hits the packets holding it (the first faulted operator of a packet wins).
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
        /// Any packet to the XML API, whatever it holds (malformed ones included).
        case xmlAPI = "xml"
        /// XML API `<webspace>` (subscriptions).
        case xmlWebspace = "xml:webspace"
        /// XML API `<service-plan>`.
        case xmlServicePlan = "xml:service-plan"
        /// XML API `<service-plan-addon>`.
        case xmlServicePlanAddon = "xml:service-plan-addon"
        /// XML API `<customer>`.
        case xmlCustomer = "xml:customer"
        /// XML API `<reseller>`.
        case xmlReseller = "xml:reseller"
        /// XML API `<server>`.
        case xmlServer = "xml:server"

        /// The XML API operators, in the order they are validated.
        public static let xmlOperators: [Endpoint] = [
            .xmlServer, .xmlCustomer, .xmlReseller, .xmlWebspace, .xmlServicePlan, .xmlServicePlanAddon,
        ]

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
            case .xmlAPI, .xmlWebspace, .xmlServicePlan, .xmlServicePlanAddon, .xmlCustomer, .xmlReseller, .xmlServer:
                "/enterprise/control/agent.php"
            }
        }

        /// The one method each endpoint answers; others get 405.
        public var method: String {
            self == .authKeys || self.isXML ? "POST" : "GET"
        }

        /// Whether this is the XML API (``xmlAPI`` or an operator).
        public var isXML: Bool {
            self.rawValue.hasPrefix("xml")
        }

        /// The operator's element name (`webspace`, `service-plan`, …); nil for REST endpoints and ``xmlAPI``.
        public var xmlOperator: String? {
            self.isXML && self != .xmlAPI ? String(self.rawValue.dropFirst(4)) : nil
        }

        /// Whether a successful answer is a JSON array (else an object).
        public var returnsArray: Bool {
            self == .domains || self == .clients || self == .clientDomains
        }
    }
}
