import InventoryModel

/// Which events a webhook receives (`match`). An empty list matches everything.
public struct EventMatch: Sendable, Hashable {
    /// Object kinds; empty means all.
    public var objects: [ObjectKind]
    /// Change kinds; empty means all.
    public var changes: [ChangeKind]
    /// Whether change events are sent at all (`events: false` for a webhook of findings only).
    public var events: Bool
    /// Reconciliation findings whose opening and closing are sent; empty (the default) sends none.
    public var findings: [FindingKind]

    public init(objects: [ObjectKind] = [], changes: [ChangeKind] = [], events: Bool = true, findings: [FindingKind] = []) {
        self.objects = objects
        self.changes = changes
        self.events = events
        self.findings = findings
    }

    /// Whether an event of this object kind and change kind is selected.
    public func matches(object: ObjectKind, change: ChangeKind) -> Bool {
        (objects.isEmpty || objects.contains(object)) && (changes.isEmpty || changes.contains(change))
    }
}
