import Foundation
import InventoryModel

// Baseline events stored as runs (migration 11).
//
// A run is one row for the baseline events of one kind of one commit: event ids `first_id ..< first_id + count` are
// the versions `first_version_id ..< first_version_id + count` that commit opened, in order. Every such event is an
// acknowledged `added` baseline event without webhooks, so nothing about it ever changes: the event is read from
// its version (key, name, JSON) and the run (target, poll, time, kind, acknowledger). The event reads of
// SQLiteInventoryStore+Events.swift take rows and runs together. Runs are few (about one per target and kind), so a
// page's filters scan them; an event by id seeks the primary key, a version's run `baseline_runs_by_version`.

extension SQLiteInventoryStore {
    /// Reserves `count` consecutive event ids no row will take (AUTOINCREMENT never goes below `sqlite_sequence`);
    /// returns the first.
    func reserveEventIDs(_ count: Int) throws -> Int64 {
        let sequence = try db.queryFirst("SELECT seq FROM sqlite_sequence WHERE name = 'events'") { $0.int64(0) }
        let largest = try db.queryFirst("SELECT max(id) FROM events") { $0.optionalInt64(0) } ?? nil
        let first = max(sequence ?? 0, largest ?? 0) + 1
        let last = first + Int64(count) - 1
        if sequence == nil {
            try db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)", [last])
        } else {
            try db.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'", [last])
        }
        return first
    }

    /// Whether a query can match run events at all: they are acknowledged `added` baseline events.
    func runsCanMatch(_ query: EventQuery) -> Bool {
        query.includeBaseline && (query.change ?? .added) == .added && (query.acknowledged ?? true)
    }

    /// The first `limit` ids of run events in the window, of a target and kind (nil: any).
    func runEventIDs(target: Int64?, kind: ObjectKind?, window: EventWindow, limit: Int) throws -> [Int64] {
        var ids: [Int64] = []
        try db.forEachRow(
            """
            SELECT first_id, count FROM baseline_runs
            WHERE (?1 IS NULL OR target_id = ?1) AND (?2 IS NULL OR kind = ?2) AND first_id + count - 1 > ?3
                AND first_id <= ?4 AND at >= ?5 AND at <= ?6
            ORDER BY first_id
            """,
            [target, kind?.rawValue, window.lower, window.upper, window.atLow, window.atHigh]
        ) { row in
            guard ids.count < limit else { return }
            let first = max(row.int64(0), window.lower + 1)
            let last = min(row.int64(0) + row.int64(1) - 1, window.upper)
            guard first <= last else { return }
            let take = min(Int64(limit - ids.count), last - first + 1)
            ids.append(contentsOf: first..<(first + take))
        }
        return ids
    }

    /// The first `limit` ids of run events of an object key in the window, of a target and kind (nil: any), found
    /// through the key's versions: the open ones (one seek per target and kind) and the closed ones.
    func runEventIDs(
        key: String, target: Int64?, kind: ObjectKind?, targets: [Int64], window: EventWindow, limit: Int
    ) throws -> [Int64] {
        var versions = try db.query(
            """
            SELECT id FROM object_versions INDEXED BY object_versions_closed_by_key
            WHERE key = ?1 AND valid_to IS NOT NULL AND (?2 IS NULL OR target_id = ?2) AND (?3 IS NULL OR kind = ?3)
            """,
            [StoredKey.bound(key), target, kind?.rawValue]
        ) { $0.int64(0) }
        for targetID in target.map({ [$0] }) ?? targets {
            for kind in kind.map({ [$0] }) ?? ObjectKind.allCases {
                if let id = try db.queryFirst(
                    """
                    SELECT id FROM object_versions INDEXED BY object_versions_open
                    WHERE target_id = ? AND kind = ? AND key = ? AND valid_to IS NULL
                    """,
                    [targetID, kind.rawValue, StoredKey.bound(key)],
                    { $0.int64(0) }
                ) {
                    versions.append(id)
                }
            }
        }
        var ids: [Int64] = []
        for version in versions {
            guard
                let run = try db.queryFirst(
                    """
                    SELECT first_id, first_version_id, count, at FROM baseline_runs INDEXED BY baseline_runs_by_version
                    WHERE first_version_id <= ? ORDER BY first_version_id DESC LIMIT 1
                    """,
                    [version],
                    { (firstID: $0.int64(0), firstVersion: $0.int64(1), count: $0.int64(2), at: $0.int64(3)) }
                ), version < run.firstVersion + run.count
            else { continue }
            let id = run.firstID + (version - run.firstVersion)
            if id > window.lower, id <= window.upper, run.at >= window.atLow, run.at <= window.atHigh {
                ids.append(id)
            }
        }
        ids.sort()
        return Array(ids.prefix(limit))
    }

    /// The run event with this id, if one is.
    func runEvent(id: Int64, names: [Int64: String]) throws -> EventRecord? {
        guard
            let run = try db.queryFirst(
                """
                SELECT first_id, count, target_id, poll_id, at, kind, first_version_id, acknowledged_by
                FROM baseline_runs WHERE first_id <= ? ORDER BY first_id DESC LIMIT 1
                """,
                [id],
                { row in
                    (
                        firstID: row.int64(0), count: row.int64(1), targetID: row.int64(2), pollID: row.int64(3),
                        at: row.int64(4), kind: try Self.objectKind(row.string(5)), firstVersion: row.int64(6),
                        acknowledgedBy: row.string(7)
                    )
                }
            ), id < run.firstID + run.count
        else { return nil }
        let at = Date(unixMilliseconds: run.at)
        return try db.queryFirst(
            "SELECT key, name, fields_json FROM object_versions WHERE id = ?",
            [run.firstVersion + (id - run.firstID)]
        ) { row in
            EventRecord(
                id: id, target: names[run.targetID] ?? "", pollID: run.pollID, at: at, kind: run.kind,
                change: .added, key: StoredKey.read(row, 0), name: row.string(1), baseline: true, changedFields: [],
                beforeJSON: nil, afterJSON: PackedJSON.unpack(row.string(2)), acknowledgedAt: at,
                acknowledgedBy: run.acknowledgedBy, acknowledgeComment: nil)
        }
    }

    /// How many run events of a target and kind (nil: any) lie in `since ..< until` (nil: open).
    func runEventCount(target: Int64?, kind: ObjectKind?, since: Date?, until: Date?) throws -> Int {
        try db.queryFirst(
            """
            SELECT coalesce(sum(count), 0) FROM baseline_runs
            WHERE (?1 IS NULL OR target_id = ?1) AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR at >= ?3)
                AND (?4 IS NULL OR at < ?4)
            """,
            [target, kind?.rawValue, since?.unixMilliseconds, until?.unixMilliseconds]
        ) { $0.int(0) } ?? 0
    }

    /// The newest run time before `time`, if any.
    func newestRunTime(before time: Int64) throws -> Int64? {
        let newest = try db.queryFirst("SELECT max(at) FROM baseline_runs WHERE at < ?", [time]) {
            $0.optionalInt64(0)
        }
        return newest ?? nil
    }

    /// The largest run event id with `low <= at < high`, or 0.
    func maxRunEventID(atFrom low: Int64, below high: Int64) throws -> Int64 {
        let largest = try db.queryFirst(
            "SELECT max(first_id + count - 1) FROM baseline_runs WHERE at >= ? AND at < ?", [low, high]
        ) { $0.optionalInt64(0) }
        return (largest ?? nil) ?? 0
    }
}

/// Merges two ascending id lists and keeps the first `limit`.
func mergedIDs(_ a: [Int64], _ b: [Int64], limit: Int) -> [Int64] {
    guard !b.isEmpty else { return a }
    guard !a.isEmpty else { return Array(b.prefix(limit)) }
    return Array((a + b).sorted().prefix(limit))
}
