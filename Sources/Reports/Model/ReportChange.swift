import Foundation
import InventoryModel

/// A change event as a report lists it: the keys of `GET /api/v1/events` without the poll id and baseline flag
/// (a report never lists baseline events one by one).
public struct ReportChange: Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var at: Date
    public var kind: ObjectKind
    public var change: ChangeKind
    /// The Plesk guid (or `id:<n>`).
    public var key: String
    /// Domain name or client login (the new one for a rename).
    public var name: String
    public var changedFields: [String]
    /// The removed object's fields, or the changed fields' old values.
    public var before: [String: JSONValue]?
    /// The added object's fields, or the changed fields' new values.
    public var after: [String: JSONValue]?
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var acknowledgeComment: String?

    public var acknowledged: Bool { acknowledgedAt != nil }

    public init(_ record: EventRecord) {
        id = record.id
        target = record.target
        at = record.at
        kind = record.kind
        change = record.change
        key = record.key
        name = record.name
        changedFields = record.changedFields
        before = record.beforeJSON.flatMap { JSONValue.parse($0)?.objectValue }
        after = record.afterJSON.flatMap { JSONValue.parse($0)?.objectValue }
        acknowledgedAt = record.acknowledgedAt
        acknowledgedBy = record.acknowledgedBy
        acknowledgeComment = record.acknowledgeComment
    }
}

extension ReportChange: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, target, at, object, change, key, name, before, after, acknowledged
        case changedFields = "changed_fields"
        case acknowledgedAt = "acknowledged_at"
        case acknowledgedBy = "acknowledged_by"
        case acknowledgeComment = "acknowledge_comment"
    }

    /// `null` for absent values, so every change has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(target, forKey: .target)
        try container.encode(ReportText.rfc3339(at), forKey: .at)
        try container.encode(kind.rawValue, forKey: .object)
        try container.encode(change.rawValue, forKey: .change)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(changedFields, forKey: .changedFields)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
        try container.encode(acknowledged, forKey: .acknowledged)
        try container.encode(acknowledgedAt.map(ReportText.rfc3339), forKey: .acknowledgedAt)
        try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
        try container.encode(acknowledgeComment, forKey: .acknowledgeComment)
    }
}
