/// A change event to be written with a poll.
public struct NewEvent: Sendable, Hashable {
    public var kind: ObjectKind
    public var change: ChangeKind
    public var key: String
    public var name: String
    public var baseline: Bool
    /// Sorted names of the fields that changed (empty for added/removed).
    public var changedFields: [String]
    /// Canonical JSON of the object's fields before/after (nil for added/removed respectively),
    /// restricted to changed fields for `modified`.
    public var beforeJSON: String?
    public var afterJSON: String?
    /// Set when an auto-acknowledge rule matched at detection time.
    public var acknowledgedBy: String?
    /// Ids of the webhooks this event is queued for (outbox rows written with the event).
    public var webhooks: [String]

    public init(
        kind: ObjectKind, change: ChangeKind, key: String, name: String, baseline: Bool = false,
        changedFields: [String] = [], beforeJSON: String? = nil, afterJSON: String? = nil, acknowledgedBy: String? = nil,
        webhooks: [String] = []
    ) {
        self.kind = kind
        self.change = change
        self.key = key
        self.name = name
        self.baseline = baseline
        self.changedFields = changedFields
        self.beforeJSON = beforeJSON
        self.afterJSON = afterJSON
        self.acknowledgedBy = acknowledgedBy
        self.webhooks = webhooks
    }
}
