import InventoryModel

/// Which events a webhook receives (`match`). An empty list matches everything.
public struct EventMatch: Sendable, Hashable {
    /// Object kinds; empty means all.
    public var objects: [ObjectKind]
    /// Change kinds; empty means all.
    public var changes: [ChangeKind]

    public init(objects: [ObjectKind] = [], changes: [ChangeKind] = []) {
        self.objects = objects
        self.changes = changes
    }

    /// Whether an event of this object kind and change kind is selected.
    public func matches(object: ObjectKind, change: ChangeKind) -> Bool {
        (objects.isEmpty || objects.contains(object)) && (changes.isEmpty || changes.contains(change))
    }
}
