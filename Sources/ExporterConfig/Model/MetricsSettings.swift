/// Optional metric families (`metrics`).
public struct MetricsSettings: Sendable, Hashable {
    /// Emit one `plesk_domain_info` series per domain (high cardinality, so opt-in).
    public var domainInfo: Bool

    public init(domainInfo: Bool = false) {
        self.domainInfo = domainInfo
    }
}
