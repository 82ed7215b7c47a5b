/// Optional metric families (`metrics`).
public struct MetricsSettings: Sendable, Hashable {
    /// Emit one `plesk_domain_info` series per domain (high cardinality, so opt-in).
    public var domainInfo: Bool
    /// Emit per-subscription disk, traffic and disk-limit series (three per subscription, so opt-in).
    public var subscriptionUsage: Bool

    public init(domainInfo: Bool = false, subscriptionUsage: Bool = false) {
        self.domainInfo = domainInfo
        self.subscriptionUsage = subscriptionUsage
    }
}
