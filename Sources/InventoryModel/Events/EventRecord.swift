import Foundation

/// A stored change event.
public struct EventRecord: Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var pollID: Int64
    public var at: Date
    public var kind: ObjectKind
    public var change: ChangeKind
    public var key: String
    public var name: String
    public var baseline: Bool
    public var changedFields: [String]
    public var beforeJSON: String?
    public var afterJSON: String?
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var acknowledgeComment: String?

    public var acknowledged: Bool { acknowledgedAt != nil }

    public init(
        id: Int64, target: String, pollID: Int64, at: Date, kind: ObjectKind, change: ChangeKind, key: String,
        name: String, baseline: Bool, changedFields: [String], beforeJSON: String?, afterJSON: String?,
        acknowledgedAt: Date?, acknowledgedBy: String?, acknowledgeComment: String?
    ) {
        self.id = id
        self.target = target
        self.pollID = pollID
        self.at = at
        self.kind = kind
        self.change = change
        self.key = key
        self.name = name
        self.baseline = baseline
        self.changedFields = changedFields
        self.beforeJSON = beforeJSON
        self.afterJSON = afterJSON
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgeComment = acknowledgeComment
    }
}
