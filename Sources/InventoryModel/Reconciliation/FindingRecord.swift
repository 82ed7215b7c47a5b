import Foundation

/// A finding as stored: when it opened and closed, and who acknowledged it.
public struct FindingRecord: Sendable, Hashable {
    public var id: Int64
    public var finding: Finding
    public var openedAt: Date
    /// Nil while open.
    public var closedAt: Date?
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var comment: String?

    public init(
        id: Int64, finding: Finding, openedAt: Date, closedAt: Date? = nil, acknowledgedAt: Date? = nil,
        acknowledgedBy: String? = nil, comment: String? = nil
    ) {
        self.id = id
        self.finding = finding
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.comment = comment
    }

    public var isOpen: Bool { closedAt == nil }
}

/// Which stored findings to list.
public struct FindingQuery: Sendable, Hashable {
    /// Only those open now.
    public var openOnly: Bool
    public var target: String?
    public var kind: FindingKind?
    /// Findings open at some time in `since ..< until` (nil: unbounded).
    public var since: Date?
    public var until: Date?
    public var limit: Int?

    public init(
        openOnly: Bool = true, target: String? = nil, kind: FindingKind? = nil, since: Date? = nil, until: Date? = nil,
        limit: Int? = nil
    ) {
        self.openOnly = openOnly
        self.target = target
        self.kind = kind
        self.since = since
        self.until = until
        self.limit = limit
    }
}

/// What applying an evaluation changed.
public struct FindingChanges: Sendable, Hashable {
    public var opened: [FindingRecord]
    public var closed: [FindingRecord]

    public init(opened: [FindingRecord] = [], closed: [FindingRecord] = []) {
        self.opened = opened
        self.closed = closed
    }
}
