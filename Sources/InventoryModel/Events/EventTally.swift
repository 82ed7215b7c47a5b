/// Counters that feed `plesk_inventory_changes_total` and `plesk_unacknowledged_changes`
/// (non-baseline events only), keyed per target/kind/change.
public struct EventTally: Sendable, Hashable {
    public var target: String
    public var kind: ObjectKind
    public var change: ChangeKind
    public var total: Int
    public var unacknowledged: Int

    public init(target: String, kind: ObjectKind, change: ChangeKind, total: Int, unacknowledged: Int) {
        self.target = target
        self.kind = kind
        self.change = change
        self.total = total
        self.unacknowledged = unacknowledged
    }
}
