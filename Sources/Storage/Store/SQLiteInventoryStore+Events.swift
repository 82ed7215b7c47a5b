import Foundation
import InventoryModel

// Reading events fast over a large table.
//
// A page is `id > after ORDER BY id LIMIT n` plus filters. Three access paths:
// - no equality filter: the rowid itself;
// - a key: events_by_key (key, rowid);
// - otherwise: events_filter (target given) or events_filter_all (no target). Within one value of every equality
//   column (target, kind, change, baseline, acknowledged) index entries are in id order, so each combination of
//   the columns the query leaves open (at most 2 x 3 x 2 x 2 = 24) is one seek that yields at most n ids; the
//   smallest n of their union is the page. No plan ever sorts or scans more than 24 x n index entries.
//   events_filter_all holds no baseline event (migration 10: most of a fleet's events are baseline events, and
//   they are read rarely), so baseline events without a target are read target by target through events_filter.
//
// A baseline's events are mostly runs, not rows (SQLiteInventoryStore+BaselineRuns.swift): every read below takes
// the matching run events too and merges them by id.
//
// since/until become an id window first. Event times follow insertion order except that a commit may carry a
// poll time up to `skew` older than an event stored before it (polls of different targets finish concurrently);
// the store records the largest such skew. Then every event at or after `since` has an id above the largest id
// among events before `since - skew` (any later-inserted event is at most `skew` older than the ones before it),
// and that largest id is found with two seeks on events_by_at. The `at` filter stays as an exact check.

extension SQLiteInventoryStore {
    public func events(_ query: EventQuery) throws -> [EventRecord] {
        guard query.limit > 0 else { return [] }
        return try db.transaction(.deferred) {
            var targetRowID: Int64?
            if let target = query.target {
                guard let id = try targetID(named: target) else { return [] }
                targetRowID = id
            }
            let window = try eventWindow(after: query.after, since: query.since, until: query.until)
            guard window.lower < window.upper else { return [] }

            let names = try targetNames()
            var ids: [Int64]
            if let key = query.key {
                ids = try eventIDsByKey(key, targetID: targetRowID, query: query, window: window)
            } else if targetRowID != nil || query.kind != nil || query.change != nil || query.acknowledged != nil
                || !query.includeBaseline
            {
                ids = try eventIDsByFilter(
                    EventScopes(target: targetRowID, every: names), query: query, window: window)
            } else {
                ids = try db.query(
                    EventSQL.pageByID,
                    [window.lower, window.upper, window.atLow, window.atHigh, query.limit]
                ) { $0.int64(0) }
            }
            if runsCanMatch(query) {
                let runIDs =
                    try query.key.map {
                        try runEventIDs(
                            key: $0, target: targetRowID, kind: query.kind, targets: names.keys.sorted(),
                            window: window, limit: query.limit)
                    }
                    ?? runEventIDs(target: targetRowID, kind: query.kind, window: window, limit: query.limit)
                ids = mergedIDs(ids, runIDs, limit: query.limit)
            }
            return try ids.compactMap { try event(id: $0, names: names) }
        }
    }

    public func latestEvents(limit: Int) throws -> [EventRecord] {
        guard limit > 0 else { return [] }
        return try db.transaction(.deferred) {
            // Newest first along the rowid; baseline events are the oldest of each target, so this stops early.
            let ids = try db.query(
                "SELECT id FROM events WHERE baseline = 0 ORDER BY id DESC LIMIT ?", [limit]
            ) { $0.int64(0) }
            let names = try targetNames()
            return try ids.compactMap { try event(id: $0, names: names) }
        }
    }

    public func baselineEventCount(_ query: EventQuery) throws -> Int {
        try db.transaction(.deferred) {
            var targetRowID: Int64?
            if let target = query.target {
                guard let id = try targetID(named: target) else { return 0 }
                targetRowID = id
            }
            var count =
                (query.change ?? .added) == .added
                ? try runEventCount(target: targetRowID, kind: query.kind, since: query.since, until: query.until) : 0
            for target in EventScopes(target: targetRowID, every: try targetNames()).baselineEvents {
                count +=
                    try db.queryFirst(
                        """
                        SELECT count(*) FROM events INDEXED BY events_filter
                        WHERE target_id = ?1 AND baseline = 1 AND (?2 IS NULL OR kind = ?2)
                            AND (?3 IS NULL OR change = ?3) AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5)
                        """,
                        [
                            target, query.kind?.rawValue, query.change?.rawValue, query.since?.unixMilliseconds,
                            query.until?.unixMilliseconds,
                        ]
                    ) { $0.int(0) } ?? 0
            }
            return count
        }
    }

    public func newestUnacknowledgedEvents(limitPerKind limit: Int) throws -> [EventRecord] {
        guard limit > 0 else { return [] }
        return try db.transaction(.deferred) {
            let names = try targetNames()
            var ids: [Int64] = []
            // One backwards seek per target/kind/change on events_filter: cheap however many events are stored.
            for targetID in names.keys.sorted() {
                for kind in ObjectKind.allCases {
                    for change in ChangeKind.allCases {
                        try db.forEachRow(
                            """
                            SELECT id FROM events INDEXED BY events_filter
                            WHERE target_id = ? AND kind = ? AND change = ? AND baseline = 0 AND acknowledged = 0
                            ORDER BY id DESC LIMIT ?
                            """,
                            [targetID, kind.rawValue, change.rawValue, limit]
                        ) { ids.append($0.int64(0)) }
                    }
                }
            }
            return try ids.sorted(by: >).compactMap { try event(id: $0, names: names) }
        }
    }

    public func event(id: Int64) throws -> EventRecord? {
        try db.transaction(.deferred) { try event(id: id, names: targetNames()) }
    }

    public func eventTallies() throws -> [EventTally] {
        try db.transaction(.deferred) {
            try db.query(
                """
                SELECT targets.name, event_tallies.kind, event_tallies.change, event_tallies.total,
                    event_tallies.unacknowledged
                FROM event_tallies JOIN targets ON targets.id = event_tallies.target_id
                ORDER BY targets.name, event_tallies.kind, event_tallies.change
                """
            ) { row in
                EventTally(
                    target: row.string(0),
                    kind: try Self.objectKind(row.string(1)),
                    change: try Self.changeKind(row.string(2)),
                    total: row.int(3),
                    unacknowledged: row.int(4)
                )
            }
        }
    }

    public func acknowledge(ids: [Int64], by: String, comment: String?, at: Date) throws -> Int {
        try db.transaction {
            var count = 0
            var released: [TallyKey: Int] = [:]
            for id in Set(ids).sorted() {
                let rows = try db.query(
                    """
                    UPDATE events SET acknowledged = 1, acknowledged_at = ?, acknowledged_by = ?,
                        acknowledge_comment = ?
                    WHERE id = ? AND acknowledged = 0
                    RETURNING target_id, kind, change, baseline
                    """,
                    [at.unixMilliseconds, by, comment, id]
                ) { row in
                    (
                        key: TallyKey(
                            targetID: row.int64(0),
                            kind: try Self.objectKind(row.string(1)),
                            change: try Self.changeKind(row.string(2))
                        ), baseline: row.bool(3)
                    )
                }
                count += rows.count
                for row in rows where !row.baseline { released[row.key, default: 0] += 1 }
            }
            for (key, n) in released { try adjustTally(key, total: 0, unacknowledged: -n) }
            return count
        }
    }

    public func acknowledge(
        target: String?, kind: ObjectKind? = nil, change: ChangeKind? = nil, until: Date, by: String,
        comment: String?, at: Date
    ) throws -> Int {
        try db.transaction {
            var targetRowID: Int64?
            if let target {
                guard let id = try targetID(named: target) else { return 0 }
                targetRowID = id
            }
            let window = try eventWindow(after: nil, since: nil, until: until)
            guard window.lower < window.upper else { return 0 }
            var count = 0
            var released: [TallyKey: Int] = [:]
            // One indexed UPDATE per kind/change/baseline (and target, where `EventScopes` says so) with
            // acknowledged = 0, like the read path.
            let scopes = EventScopes(target: targetRowID, every: try targetNames())
            let marker: [any SQLiteBindable] = [at.unixMilliseconds, by, comment]
            let range: [any SQLiteBindable] = [window.upper, window.atHigh]
            for kind in kind.map({ [$0] }) ?? ObjectKind.allCases {
                for change in change.map({ [$0] }) ?? ChangeKind.allCases {
                    for baseline in [false, true] {
                        for scope in scopes.targets(baseline: baseline) {
                            let sql = scope == nil ? EventSQL.acknowledgeByFilter : EventSQL.acknowledgeByTargetFilter
                            let selection: [any SQLiteBindable] =
                                scope.map { [$0, kind.rawValue, change.rawValue, baseline] }
                                ?? [kind.rawValue, change.rawValue]
                            let targets = try db.query(sql, marker + selection + range) { $0.int64(0) }
                            count += targets.count
                            guard !baseline else { continue }
                            for id in targets {
                                released[TallyKey(targetID: id, kind: kind, change: change), default: 0] += 1
                            }
                        }
                    }
                }
            }
            for (key, n) in released { try adjustTally(key, total: 0, unacknowledged: -n) }
            return count
        }
    }

    // MARK: Helpers

    func adjustTally(_ key: TallyKey, total: Int, unacknowledged: Int) throws {
        try db.execute(
            """
            INSERT INTO event_tallies (target_id, kind, change, total, unacknowledged) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (target_id, kind, change) DO UPDATE SET
                total = total + excluded.total, unacknowledged = unacknowledged + excluded.unacknowledged
            """,
            [key.targetID, key.kind.rawValue, key.change.rawValue, total, unacknowledged]
        )
    }

    private static let skewKey = "event_time_skew_ms"

    /// Records how far `at` lies before the newest stored event time, before inserting events at `at`.
    func noteEventTime(_ at: Int64) throws {
        let newestRow = try db.queryFirst("SELECT max(at) FROM events", [], { $0.optionalInt64(0) }) ?? nil
        guard let newest = [newestRow, try newestRunTime(before: .max)].compactMap({ $0 }).max(), newest > at
        else { return }
        try db.execute(
            """
            INSERT INTO store_meta (key, value) VALUES (?1, ?2)
            ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)
            """,
            [Self.skewKey, newest - at]
        )
    }

    private func eventTimeSkew() throws -> Int64 {
        try db.queryFirst("SELECT value FROM store_meta WHERE key = ?", [Self.skewKey]) { $0.int64(0) } ?? 0
    }

    /// The largest id among events (rows and runs) with `at < time`, or 0 (see the note at the top of this file).
    private func maxEventID(atBefore time: Int64, skew: Int64) throws -> Int64 {
        let newestRow = try db.queryFirst(
            "SELECT at FROM events INDEXED BY events_by_at WHERE at < ? ORDER BY at DESC LIMIT 1",
            [time],
            { $0.int64(0) }
        )
        guard let newest = [newestRow, try newestRunTime(before: time)].compactMap({ $0 }).max() else { return 0 }
        if skew == 0 {
            // Without skew, events older than `newest` were all stored before those at `newest`.
            let row =
                try db.queryFirst(
                    "SELECT id FROM events INDEXED BY events_by_at WHERE at = ? ORDER BY id DESC LIMIT 1",
                    [newest],
                    { $0.int64(0) }
                ) ?? 0
            return max(row, try maxRunEventID(atFrom: newest, below: newest + 1))
        }
        let largest: Int64?? = try db.queryFirst(
            "SELECT max(id) FROM events INDEXED BY events_by_at WHERE at >= ? AND at < ?",
            [newest.subtractingClamped(skew), time],
            { $0.optionalInt64(0) }
        )
        return max((largest ?? nil) ?? 0, try maxRunEventID(atFrom: newest.subtractingClamped(skew), below: time))
    }

    /// The ids (`lower < id <= upper`) and times (`atLow ... atHigh`) a query can match.
    private func eventWindow(after: Int64?, since: Date?, until: Date?) throws -> EventWindow {
        var window = EventWindow(lower: max(after ?? 0, 0), upper: .max, atLow: .min, atHigh: .max)
        guard since != nil || until != nil else { return window }
        let skew = try eventTimeSkew()
        if let since {
            window.atLow = since.unixMilliseconds
            let below = try maxEventID(atBefore: window.atLow.subtractingClamped(skew), skew: skew)
            window.lower = max(window.lower, below)
        }
        if let until {
            window.atHigh = until.unixMilliseconds
            if window.atHigh < .max {
                window.upper = try maxEventID(atBefore: window.atHigh + 1, skew: skew)
            }
        }
        return window
    }

    private func eventIDsByKey(
        _ key: String,
        targetID: Int64?,
        query: EventQuery,
        window: EventWindow
    ) throws -> [Int64] {
        try db.query(
            EventSQL.pageByKey,
            [
                key, window.lower, window.upper, window.atLow, window.atHigh, targetID, query.kind?.rawValue,
                query.change?.rawValue, query.acknowledged, query.includeBaseline, query.limit,
            ]
        ) { $0.int64(0) }
    }

    private func eventIDsByFilter(_ scopes: EventScopes, query: EventQuery, window: EventWindow) throws -> [Int64] {
        let kinds = query.kind.map { [$0] } ?? ObjectKind.allCases
        let changes = query.change.map { [$0] } ?? ChangeKind.allCases
        let baselines = query.includeBaseline ? [false, true] : [false]
        let acknowledgements = query.acknowledged.map { [$0] } ?? [false, true]
        var ids: [Int64] = []
        for kind in kinds {
            for change in changes {
                for baseline in baselines {
                    for scope in scopes.targets(baseline: baseline) {
                        let sql = scope == nil ? EventSQL.pageByFilter : EventSQL.pageByTargetFilter
                        let selection: [any SQLiteBindable] =
                            scope.map { [$0, kind.rawValue, change.rawValue, baseline] }
                            ?? [kind.rawValue, change.rawValue]
                        for acknowledged in acknowledgements {
                            let range: [any SQLiteBindable] = [
                                acknowledged, window.lower, window.upper, window.atLow, window.atHigh, query.limit,
                            ]
                            try db.forEachRow(sql, selection + range) { ids.append($0.int64(0)) }
                        }
                    }
                }
            }
        }
        ids.sort()
        return Array(ids.prefix(query.limit))
    }

    func event(id: Int64, names: [Int64: String]) throws -> EventRecord? {
        try eventRow(id: id, names: names) ?? runEvent(id: id, names: names)
    }

    private func eventRow(id: Int64, names: [Int64: String]) throws -> EventRecord? {
        try db.queryFirst(
            """
            SELECT id, target_id, poll_id, at, kind, change, key, name, baseline, changed_fields, before_json,
                coalesce(after_json, (SELECT fields_json FROM object_versions WHERE id = events.version_id)),
                acknowledged_at, acknowledged_by, acknowledge_comment
            FROM events WHERE id = ?
            """,
            [id]
        ) { row in
            EventRecord(
                id: row.int64(0),
                target: names[row.int64(1)] ?? "",
                pollID: row.int64(2),
                at: Date(unixMilliseconds: row.int64(3)),
                kind: try Self.objectKind(row.string(4)),
                change: try Self.changeKind(row.string(5)),
                key: row.string(6),
                name: row.string(7),
                baseline: row.bool(8),
                changedFields: try JSONText.decodeList(row.string(9), column: "events.changed_fields"),
                beforeJSON: PackedJSON.unpack(row.optionalString(10)),
                afterJSON: PackedJSON.unpack(row.optionalString(11)),
                acknowledgedAt: row.optionalInt64(12).map(Date.init(unixMilliseconds:)),
                acknowledgedBy: row.optionalString(13),
                acknowledgeComment: row.optionalString(14)
            )
        }
    }
}

/// Which index reads which events (migration 10): the events of a target asked for through events_filter; with no
/// target, the non-baseline events of every target at once through events_filter_all (scope nil), and baseline
/// events, which that index does not hold, target by target through events_filter.
private struct EventScopes {
    /// nil: every target at once.
    let events: [Int64?]
    let baselineEvents: [Int64]

    init(target: Int64?, every names: [Int64: String]) {
        if let target {
            events = [target]
            baselineEvents = [target]
        } else {
            events = [nil]
            baselineEvents = names.keys.sorted()
        }
    }

    func targets(baseline: Bool) -> [Int64?] { baseline ? baselineEvents : events }
}

/// The ids (`lower < id <= upper`) and times (`atLow ... atHigh`) a query can match.
struct EventWindow {
    var lower: Int64
    var upper: Int64
    var atLow: Int64
    var atHigh: Int64
}

extension Int64 {
    func subtractingClamped(_ other: Int64) -> Int64 {
        let (result, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other > 0 ? .min : .max) : result
    }
}

/// The statements that select a page of event ids (shared with the query-plan tests).
package enum EventSQL {
    /// Arguments: lower, upper, atLow, atHigh, limit.
    package static let pageByID = """
        SELECT id FROM events WHERE id > ? AND id <= ? AND at >= ? AND at <= ? ORDER BY id LIMIT ?
        """

    /// Arguments: key, lower, upper, atLow, atHigh, target id?, kind?, change?, acknowledged?, includeBaseline, limit.
    package static let pageByKey = """
        SELECT id FROM events INDEXED BY events_by_key
        WHERE key = ?1 AND id > ?2 AND id <= ?3 AND at >= ?4 AND at <= ?5
            AND (?6 IS NULL OR target_id = ?6) AND (?7 IS NULL OR kind = ?7) AND (?8 IS NULL OR change = ?8)
            AND (?9 IS NULL OR acknowledged = ?9) AND (?10 OR baseline = 0)
        ORDER BY id LIMIT ?11
        """

    /// Non-baseline events only. Arguments: kind, change, acknowledged, lower, upper, atLow, atHigh, limit.
    package static let pageByFilter = """
        SELECT id FROM events INDEXED BY events_filter_all
        WHERE kind = ? AND change = ? AND baseline = 0 AND acknowledged = ?
            AND id > ? AND id <= ? AND at >= ? AND at <= ?
        ORDER BY id LIMIT ?
        """

    /// Arguments: target id, kind, change, baseline, acknowledged, lower, upper, atLow, atHigh, limit.
    package static let pageByTargetFilter = """
        SELECT id FROM events INDEXED BY events_filter
        WHERE target_id = ? AND kind = ? AND change = ? AND baseline = ? AND acknowledged = ?
            AND id > ? AND id <= ? AND at >= ? AND at <= ?
        ORDER BY id LIMIT ?
        """

    /// Non-baseline events only. Arguments: at, by, comment, kind, change, upper, atHigh.
    static let acknowledgeByFilter = """
        UPDATE events INDEXED BY events_filter_all
        SET acknowledged = 1, acknowledged_at = ?, acknowledged_by = ?, acknowledge_comment = ?
        WHERE kind = ? AND change = ? AND baseline = 0 AND acknowledged = 0 AND id <= ? AND at <= ?
        RETURNING target_id
        """

    /// Arguments: at, by, comment, target id, kind, change, baseline, upper, atHigh.
    static let acknowledgeByTargetFilter = """
        UPDATE events INDEXED BY events_filter
        SET acknowledged = 1, acknowledged_at = ?, acknowledged_by = ?, acknowledge_comment = ?
        WHERE target_id = ? AND kind = ? AND change = ? AND baseline = ? AND acknowledged = 0
            AND id <= ? AND at <= ?
        RETURNING target_id
        """
}
