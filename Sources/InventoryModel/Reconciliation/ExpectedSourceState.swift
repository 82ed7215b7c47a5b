import Foundation

/// What is known of an expected source between reads: whether its last read was used, and what the shrink guard
/// needs.
public struct ExpectedSourceState: Sendable, Hashable {
    public var name: String
    /// Whether the last read was used.
    public var up: Bool
    /// Rows of the last accepted read.
    public var rows: Int?
    public var lastSuccessAt: Date?
    /// Why the last read was not used (no secret in it).
    public var lastError: String?
    /// A shrunken row count being confirmed, and how many reads in a row reported it.
    public var pendingRows: Int?
    public var pendingReads: Int

    public init(
        name: String, up: Bool, rows: Int? = nil, lastSuccessAt: Date? = nil, lastError: String? = nil,
        pendingRows: Int? = nil, pendingReads: Int = 0
    ) {
        self.name = name
        self.up = up
        self.rows = rows
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.pendingRows = pendingRows
        self.pendingReads = pendingReads
    }
}
