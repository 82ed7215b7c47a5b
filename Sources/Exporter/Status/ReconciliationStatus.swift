import InventoryModel

/// What the metrics show of reconciliation: the open findings and each source's state, as of the last evaluation.
public struct ReconciliationStatus: Sendable {
    public var sources: [ExpectedSourceState]
    public var open: [FindingRecord]

    public init(sources: [ExpectedSourceState], open: [FindingRecord]) {
        self.sources = sources
        self.open = open
    }
}
