import Storage

/// A consistent copy of ``ExporterStatus``, taken once per scrape or page view.
public struct StatusSnapshot: Sendable {
    /// Configured targets, in configuration order.
    public var targets: [TargetStatus]
    /// Non-baseline event counts per target/kind/change, as last read from the store.
    public var tallies: [EventTally]
    public var readiness: Readiness
    /// Whether `plesk_domain_info` is enabled (`metrics.domain_info`).
    public var domainInfoEnabled: Bool

    /// The tally of one target/kind/change; zero when nothing was recorded.
    public func tally(target: String, kind: ObjectKind, change: ChangeKind) -> (total: Int, unacknowledged: Int) {
        guard let tally = tallies.first(where: { $0.target == target && $0.kind == kind && $0.change == change })
        else { return (0, 0) }
        return (tally.total, tally.unacknowledged)
    }
}
