import Foundation

/// Filters for reading events. `after` is a cursor: only events with a larger id. Results are ordered by id ascending.
public struct EventQuery: Sendable, Hashable {
    public var target: String?
    public var kind: ObjectKind?
    public var change: ChangeKind?
    public var key: String?
    public var since: Date?
    public var until: Date?
    public var acknowledged: Bool?
    /// Include baseline events (default true).
    public var includeBaseline: Bool
    public var after: Int64?
    public var limit: Int

    public init(
        target: String? = nil, kind: ObjectKind? = nil, change: ChangeKind? = nil, key: String? = nil,
        since: Date? = nil, until: Date? = nil, acknowledged: Bool? = nil, includeBaseline: Bool = true,
        after: Int64? = nil, limit: Int = 100
    ) {
        self.target = target
        self.kind = kind
        self.change = change
        self.key = key
        self.since = since
        self.until = until
        self.acknowledged = acknowledged
        self.includeBaseline = includeBaseline
        self.after = after
        self.limit = limit
    }
}
