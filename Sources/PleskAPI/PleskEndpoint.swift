/// The Plesk calls the exporter makes (REST API v2, and three XML API requests). `rawValue` is the `endpoint` metric label.
public enum PleskEndpoint: String, Sendable, Hashable, CaseIterable {
    case server
    case domains
    case clients
    case clientDomains = "client_domains"
    case domainClient = "domain_client"
    case domainStatus = "domain_status"
    case clientStatistics = "client_statistics"
    case createAPIKey = "auth_keys"
    /// XML API `webspace get` (every subscription: `gen_info`, `subscriptions`).
    case subscriptions = "webspace_get"
    /// XML API `webspace get` of the usage datasets (`limits`, `stat`), for the subscriptions that need them.
    case subscriptionUsage = "webspace_usage_get"
    /// XML API `service-plan get` (every service plan).
    case servicePlans = "service_plan_get"

    /// The path template, as an operator would recognise it in logs.
    public var pathTemplate: String {
        switch self {
        case .server: "/api/v2/server"
        case .domains: "/api/v2/domains"
        case .clients: "/api/v2/clients"
        case .clientDomains: "/api/v2/clients/{id}/domains"
        case .domainClient: "/api/v2/domains/{id}/client"
        case .domainStatus: "/api/v2/domains/{id}/status"
        case .clientStatistics: "/api/v2/clients/{id}/statistics"
        case .createAPIKey: "/api/v2/auth/keys"
        case .subscriptions: "/enterprise/control/agent.php (webspace get)"
        case .subscriptionUsage: "/enterprise/control/agent.php (webspace get: limits, stat)"
        case .servicePlans: "/enterprise/control/agent.php (service-plan get)"
        }
    }

    func path(id: Int?) -> String {
        guard let id else { return pathTemplate }
        return pathTemplate.replacingOccurrences(of: "{id}", with: String(id))
    }
}
