import Foundation
import InventoryModel

/// A reconciliation finding as `GET /api/v1/reconciliation` shows it. Absent values are `null`, so every finding has
/// the same keys.
public struct FindingDTO: Codable, Sendable, Hashable {
    public var id: Int64
    public var kind: String
    /// "" for a billed subscription whose row names no server and that no target has.
    public var target: String
    public var subscription: String
    public var source: String
    public var ref: String?
    public var expected: String?
    public var actual: String?
    public var openedAt: String
    public var closedAt: String?
    public var acknowledgedAt: String?
    public var acknowledgedBy: String?
    public var comment: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, target, subscription, source, ref, expected, actual, comment
        case openedAt = "opened_at"
        case closedAt = "closed_at"
        case acknowledgedAt = "acknowledged_at"
        case acknowledgedBy = "acknowledged_by"
    }

    public init(_ record: FindingRecord) {
        id = record.id
        kind = record.finding.kind.rawValue
        target = record.finding.target
        subscription = record.finding.subscription
        source = record.finding.source
        ref = record.finding.ref
        expected = record.finding.expected
        actual = record.finding.actual
        openedAt = TimeParameter.format(record.openedAt)
        closedAt = record.closedAt.map(TimeParameter.format)
        acknowledgedAt = record.acknowledgedAt.map(TimeParameter.format)
        acknowledgedBy = record.acknowledgedBy
        comment = record.comment
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(target, forKey: .target)
        try container.encode(subscription, forKey: .subscription)
        try container.encode(source, forKey: .source)
        try container.encode(ref, forKey: .ref)
        try container.encode(expected, forKey: .expected)
        try container.encode(actual, forKey: .actual)
        try container.encode(openedAt, forKey: .openedAt)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
        try container.encode(comment, forKey: .comment)
    }
}

/// A billing source's state.
public struct ExpectedSourceDTO: Codable, Sendable, Hashable {
    public var name: String
    public var up: Bool
    public var rows: Int?
    public var lastSuccess: String?
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case name, up, rows
        case lastSuccess = "last_success"
        case lastError = "last_error"
    }

    public init(_ state: ExpectedSourceState) {
        name = state.name
        up = state.up
        rows = state.rows
        lastSuccess = state.lastSuccessAt.map(TimeParameter.format)
        lastError = state.lastError
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(up, forKey: .up)
        try container.encode(rows, forKey: .rows)
        try container.encode(lastSuccess, forKey: .lastSuccess)
        try container.encode(lastError, forKey: .lastError)
    }
}

/// `GET /api/v1/reconciliation`: the sources, the open findings, and (with `since` or `until`) every finding open at
/// some time in that period, closed ones included.
public struct ReconciliationDTO: Codable, Sendable, Hashable {
    public var sources: [ExpectedSourceDTO]
    public var open: [FindingDTO]
    public var history: [FindingDTO]?

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sources, forKey: .sources)
        try container.encode(open, forKey: .open)
        try container.encode(history, forKey: .history)
    }
}

/// A finding that opened or closed, as a `json` webhook receives it: `{"type":"finding","change":"opened",
/// "finding":{…}}` (the finding as `GET /api/v1/reconciliation` shows it).
public struct FindingWebhookDTO: Encodable, Sendable {
    public var type = "finding"
    public var change: String
    public var finding: FindingDTO

    public init(_ record: FindingRecord, change: FindingChange) {
        self.change = change.rawValue
        self.finding = FindingDTO(record)
    }
}
