import InventoryModel

/// A consistent copy of ``ExporterStatus``, taken once per scrape or page view.
public struct StatusSnapshot: Sendable {
    /// Configured targets, in configuration order.
    public var targets: [TargetStatus]
    /// Non-baseline event counts per target/kind/change, as last read from the store.
    public var tallies: [EventTally]
    /// The newest unacknowledged non-baseline events of each target/kind/change (at most
    /// ``ExporterStatus/unacknowledgedInfoLimit`` each), newest first.
    public var unacknowledgedEvents: [EventRecord]
    public var readiness: Readiness
    /// Whether `plesk_domain_info` is enabled (`metrics.domain_info`).
    public var domainInfoEnabled: Bool
    /// The status's change counter when the snapshot was taken.
    public var generation: UInt64 = 0
    /// Subscription transitions per target, as last read from the store.
    public var transitions: [TransitionTally] = []
    /// Whether the per-subscription usage series are enabled (`metrics.subscription_usage`).
    public var subscriptionUsageEnabled = false
    /// Reconciliation against billing, when sources are configured.
    public var reconciliation: ReconciliationStatus?

    /// Unacknowledged non-baseline events of one target, all kinds and changes together.
    public func unacknowledgedChanges(target: String) -> Int {
        tallies.reduce(0) { $0 + ($1.target == target ? $1.unacknowledged : 0) }
    }
}
