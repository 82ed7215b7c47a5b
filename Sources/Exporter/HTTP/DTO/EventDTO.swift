import Foundation
import Inventory
import InventoryModel

/// A change event as `GET /api/v1/events` and `plesk_exporter events --format json` print it (SPEC §8).
public struct EventDTO: Codable, Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var object: String
    public var change: String
    /// The Plesk guid (or `id:<n>` when the server sent none).
    public var key: String
    public var name: String
    public var at: String
    public var pollID: Int64
    public var baseline: Bool
    public var acknowledged: Bool
    public var acknowledgedAt: String?
    public var acknowledgedBy: String?
    public var acknowledgeComment: String?
    public var changedFields: [String]
    public var before: JSONValue?
    public var after: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, target, object, change, key, name, at, baseline, acknowledged, before, after
        case pollID = "poll_id"
        case acknowledgedAt = "acknowledged_at"
        case acknowledgedBy = "acknowledged_by"
        case acknowledgeComment = "acknowledge_comment"
        case changedFields = "changed_fields"
    }

    public init(_ record: EventRecord) {
        id = record.id
        target = record.target
        object = record.kind.rawValue
        change = record.change.rawValue
        key = record.key
        name = record.name
        at = TimeParameter.format(record.at)
        pollID = record.pollID
        baseline = record.baseline
        acknowledged = record.acknowledged
        acknowledgedAt = record.acknowledgedAt.map(TimeParameter.format)
        acknowledgedBy = record.acknowledgedBy
        acknowledgeComment = record.acknowledgeComment
        changedFields = record.changedFields
        before = record.beforeJSON.flatMap(JSONValue.parse)
        after = record.afterJSON.flatMap(JSONValue.parse)
    }

    /// `null` for absent optionals, so every event has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(target, forKey: .target)
        try container.encode(object, forKey: .object)
        try container.encode(change, forKey: .change)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(at, forKey: .at)
        try container.encode(pollID, forKey: .pollID)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(acknowledged, forKey: .acknowledged)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
        try container.encode(acknowledgeComment, forKey: .acknowledgeComment)
        try container.encode(changedFields, forKey: .changedFields)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
    }
}
