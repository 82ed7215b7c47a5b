import Foundation
import InventoryModel

extension SQLiteInventoryStore: ReconciliationStore {
    private static let findingColumns = """
        id, target, kind, subscription, source, ref, expected, actual, opened_at, closed_at, acknowledged_at,
        acknowledged_by, comment
        """

    public func applyFindings(
        _ evaluated: [Finding], scope: Set<String>, at: Date, webhooks: @Sendable (Finding, FindingChange) -> [String]
    ) throws -> FindingChanges {
        try db.transaction {
            var changes = FindingChanges()
            let now = at.unixMilliseconds
            let open = try openFindings().filter { scope.contains($0.finding.target) }
            var byIdentity = Dictionary(open.map { ($0.finding.identity, $0) }, uniquingKeysWith: { first, _ in first })
            for finding in evaluated where scope.contains(finding.target) {
                if let record = byIdentity.removeValue(forKey: finding.identity) {
                    guard record.finding != finding else { continue }
                    try db.execute(
                        "UPDATE findings SET source = ?, ref = ?, expected = ?, actual = ? WHERE id = ?",
                        [finding.source, finding.ref, finding.expected, finding.actual, record.id])
                    continue
                }
                try db.execute(
                    """
                    INSERT INTO findings (target, kind, subscription, source, ref, expected, actual, opened_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        finding.target, finding.kind.rawValue, finding.subscription, finding.source, finding.ref,
                        finding.expected, finding.actual, now,
                    ])
                changes.opened.append(FindingRecord(id: db.lastInsertRowID, finding: finding, openedAt: at))
            }
            for record in byIdentity.values.sorted(by: { $0.id < $1.id }) {
                try db.execute("UPDATE findings SET closed_at = ? WHERE id = ?", [now, record.id])
                var closed = record
                closed.closedAt = at
                changes.closed.append(closed)
            }
            // Queued with the change itself: a committed finding is announced at least once, whatever happens next.
            for (records, change) in [(changes.opened, FindingChange.opened), (changes.closed, .closed)] {
                for record in records {
                    for webhook in webhooks(record.finding, change) {
                        try db.execute(
                            """
                            INSERT OR IGNORE INTO outbox (finding_id, finding_change, webhook, next_attempt_at)
                            VALUES (?, ?, ?, ?)
                            """,
                            [record.id, change.rawValue, webhook, now])
                    }
                }
            }
            return changes
        }
    }

    public func findings(_ query: FindingQuery) throws -> [FindingRecord] {
        try db.transaction(.deferred) {
            var conditions: [String] = []
            var arguments: [any SQLiteBindable] = []
            if query.openOnly { conditions.append("closed_at IS NULL") }
            if let target = query.target {
                conditions.append("target = ?")
                arguments.append(target)
            }
            if let kind = query.kind {
                conditions.append("kind = ?")
                arguments.append(kind.rawValue)
            }
            // Open at some time in the period: opened before its end, and not closed before its start.
            if let until = query.until {
                conditions.append("opened_at < ?")
                arguments.append(until.unixMilliseconds)
            }
            if let since = query.since {
                conditions.append("(closed_at IS NULL OR closed_at >= ?)")
                arguments.append(since.unixMilliseconds)
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            arguments.append(Int64(query.limit ?? -1))
            return try db.query(
                "SELECT \(Self.findingColumns) FROM findings\(filter) ORDER BY opened_at, id LIMIT ?", arguments,
                Self.findingRecord)
        }
    }

    public func acknowledgeFinding(id: Int64, by: String, comment: String?, at: Date) throws -> FindingRecord? {
        try db.transaction {
            try db.execute(
                """
                UPDATE findings SET acknowledged_at = ?, acknowledged_by = ?, comment = ?
                WHERE id = ? AND closed_at IS NULL
                """,
                [at.unixMilliseconds, by, comment, id])
            guard db.changes > 0 else { return nil }
            return try db.queryFirst("SELECT \(Self.findingColumns) FROM findings WHERE id = ?", [id], Self.findingRecord)
        }
    }

    public func expectedSources() throws -> [ExpectedSourceState] {
        try db.transaction(.deferred) {
            try db.query(
                """
                SELECT name, up, rows, last_success_at, last_error, pending_rows, pending_reads
                FROM expected_sources ORDER BY name
                """
            ) { row in
                ExpectedSourceState(
                    name: row.string(0), up: row.bool(1), rows: row.optionalInt(2),
                    lastSuccessAt: row.optionalInt64(3).map(Date.init(unixMilliseconds:)),
                    lastError: row.optionalString(4), pendingRows: row.optionalInt(5), pendingReads: row.int(6))
            }
        }
    }

    public func recordExpectedSource(_ state: ExpectedSourceState) throws {
        try db.transaction {
            try db.execute(
                """
                INSERT OR REPLACE INTO expected_sources
                    (name, up, rows, last_success_at, last_error, pending_rows, pending_reads)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    state.name, state.up, state.rows, state.lastSuccessAt?.unixMilliseconds, state.lastError,
                    state.pendingRows, state.pendingReads,
                ])
        }
    }

    /// One finding by id, open or closed.
    func finding(id: Int64) throws -> FindingRecord? {
        try db.queryFirst("SELECT \(Self.findingColumns) FROM findings WHERE id = ?", [id], Self.findingRecord)
    }

    private func openFindings() throws -> [FindingRecord] {
        try db.query("SELECT \(Self.findingColumns) FROM findings WHERE closed_at IS NULL", [], Self.findingRecord)
    }

    private static func findingRecord(_ row: Row) -> FindingRecord {
        FindingRecord(
            id: row.int64(0),
            finding: Finding(
                kind: FindingKind(rawValue: row.string(2)) ?? .unbilled, target: row.string(1),
                subscription: row.string(3), source: row.string(4), ref: row.optionalString(5),
                expected: row.optionalString(6), actual: row.optionalString(7)),
            openedAt: Date(unixMilliseconds: row.int64(8)),
            closedAt: row.optionalInt64(9).map(Date.init(unixMilliseconds:)),
            acknowledgedAt: row.optionalInt64(10).map(Date.init(unixMilliseconds:)),
            acknowledgedBy: row.optionalString(11), comment: row.optionalString(12))
    }
}
