import Foundation

/// A report (SPEC §10): for a period, each target's inventory at the start and at the end, its changes, top clients,
/// poll availability, held removals and unacknowledged changes. Built by ``ReportBuilder``, rendered by
/// ``render(_:maxRows:)``; the same database and period always give the same bytes.
public struct InventoryReport: Sendable, Hashable {
    /// How many rows a long list shows in markdown and HTML before "and N more — see the CSV".
    public static let defaultMaxRows = 50

    public var period: ReportPeriod
    /// Ordered by name.
    public var targets: [TargetReport]
    /// Billing reconciliation's findings over the period, when there are any.
    public var reconciliation: ReconciliationReport?

    public init(period: ReportPeriod, targets: [TargetReport], reconciliation: ReconciliationReport? = nil) {
        self.period = period
        self.targets = targets
        self.reconciliation = reconciliation
    }
}

extension InventoryReport: Encodable {
    enum CodingKeys: String, CodingKey { case period, targets, reconciliation }
    enum PeriodKeys: String, CodingKey { case start, end, seconds }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var period = container.nestedContainer(keyedBy: PeriodKeys.self, forKey: .period)
        try period.encode(ReportText.rfc3339(self.period.start), forKey: .start)
        try period.encode(ReportText.rfc3339(self.period.end), forKey: .end)
        try period.encode(Int(self.period.duration.rounded()), forKey: .seconds)
        try container.encode(targets, forKey: .targets)
        try container.encodeIfPresent(reconciliation, forKey: .reconciliation)
    }
}
