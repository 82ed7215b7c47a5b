import Foundation
import InventoryModel

/// Reconciliation against billing over a report's period (SPEC §16): the findings open at its end, and those opened
/// and closed during it. Present only when the database holds findings for the period.
public struct ReconciliationReport: Sendable, Hashable {
    /// Open at the end of the period, oldest first.
    public var open: [FindingRecord]
    /// Opened during the period (some may be closed again), oldest first.
    public var opened: [FindingRecord]
    /// Closed during the period, in the order they closed.
    public var closed: [FindingRecord]

    public init(open: [FindingRecord], opened: [FindingRecord], closed: [FindingRecord]) {
        self.open = open
        self.opened = opened
        self.closed = closed
    }

    /// Sorts the findings open at some time in `period` into the three lists (what happened after its start up to
    /// and including its end, as for changes); nil when there are none.
    init?(_ findings: [FindingRecord], period: ReportPeriod) {
        let (start, end) = (period.start, period.end)
        let open = findings.filter { $0.openedAt <= end && ($0.closedAt.map { $0 > end } ?? true) }
        let opened = findings.filter { $0.openedAt > start && $0.openedAt <= end }
        let closed = findings.filter { $0.closedAt.map { $0 > start && $0 <= end } ?? false }
            .sorted { ($0.closedAt!, $0.id) < ($1.closedAt!, $1.id) }
        guard !open.isEmpty || !opened.isEmpty || !closed.isEmpty else { return nil }
        self.init(open: open, opened: opened, closed: closed)
    }
}

extension ReconciliationReport: Encodable {
    enum CodingKeys: String, CodingKey { case open, opened, closed }

    /// A finding as the JSON report lists it (the API's field names).
    struct Item: Encodable {
        let record: FindingRecord

        enum CodingKeys: String, CodingKey {
            case id, kind, target, subscription, source, ref, expected, actual, comment
            case openedAt = "opened_at"
            case closedAt = "closed_at"
            case acknowledgedBy = "acknowledged_by"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let finding = record.finding
            try container.encode(record.id, forKey: .id)
            try container.encode(finding.kind.rawValue, forKey: .kind)
            try container.encode(finding.target, forKey: .target)
            try container.encode(finding.subscription, forKey: .subscription)
            try container.encode(finding.source, forKey: .source)
            try container.encode(finding.ref, forKey: .ref)
            try container.encode(finding.expected, forKey: .expected)
            try container.encode(finding.actual, forKey: .actual)
            try container.encode(ReportText.rfc3339(record.openedAt), forKey: .openedAt)
            try container.encode(record.closedAt.map(ReportText.rfc3339), forKey: .closedAt)
            try container.encode(record.acknowledgedBy, forKey: .acknowledgedBy)
            try container.encode(record.comment, forKey: .comment)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(open.map(Item.init), forKey: .open)
        try container.encode(opened.map(Item.init), forKey: .opened)
        try container.encode(closed.map(Item.init), forKey: .closed)
    }
}
