import Foundation
import InventoryModel

extension SQLiteInventoryStore {
    /// Failure messages are cut to this many characters: a dead target polled every minute must not grow the
    /// database by whatever an error body holds.
    static let maxErrorMessageLength = 512

    static let pollColumns = """
        id, target_id, started_at, finished_at, result, baseline, domains, clients, aliases, event_count, \
        held_domains, held_clients, domains_by_hosting_type, clients_by_type_status, error_reason, error_message, \
        subscriptions, plans, subscriptions_over_limit, subscriptions_by_status, held_subscriptions, held_plans, \
        failed_kinds
        """

    @discardableResult
    public func recordFailure(
        target: String,
        startedAt: Date,
        finishedAt: Date,
        reason: String,
        message: String
    ) throws -> PollRecord {
        let message = String(message.prefix(Self.maxErrorMessageLength))
        return try db.transaction {
            let targetID = try ensureTarget(name: target, url: nil)
            try db.execute(
                """
                INSERT INTO polls (target_id, started_at, finished_at, result, error_reason, error_message)
                VALUES (?, ?, ?, 'failure', ?, ?)
                """,
                [targetID, startedAt.unixMilliseconds, finishedAt.unixMilliseconds, reason, message]
            )
            let pollID = db.lastInsertRowID
            try db.execute("UPDATE targets SET last_poll_id = ? WHERE id = ?", [pollID, targetID])
            return PollRecord(
                id: pollID,
                target: target,
                startedAt: Date(unixMilliseconds: startedAt.unixMilliseconds),
                finishedAt: Date(unixMilliseconds: finishedAt.unixMilliseconds),
                result: .failure,
                errorReason: reason,
                errorMessage: message,
                counts: nil,
                baseline: false,
                eventCount: 0,
                heldDomains: 0,
                heldClients: 0
            )
        }
    }

    public func polls(target: String?, since: Date?, until: Date?, limit: Int) throws -> [PollRecord] {
        guard limit > 0 else { return [] }
        return try db.transaction(.deferred) {
            var filter = PollFilter(since: since, until: until)
            if let target {
                guard let id = try targetID(named: target) else { return [] }
                filter.targetID = id
            }
            let names = try targetNames()
            // polls_by_target (target given) or polls_by_time, walked backwards: no sort.
            let sql =
                "SELECT \(Self.pollColumns) FROM polls\(filter.whereClause) "
                + "ORDER BY finished_at DESC, id DESC LIMIT ?"
            return try db.query(sql, filter.arguments + [limit]) { row in
                try Self.decodePoll(row, targetName: names[row.int64(1)] ?? "")
            }
        }
    }

    public func countHistory(target: String?, since: Date?, until: Date?) throws -> [PollRecord] {
        try db.transaction(.deferred) {
            var filter = PollFilter(since: since, until: until, successOnly: true)
            if let target {
                guard let id = try targetID(named: target) else { return [] }
                filter.targetID = id
            }
            let names = try targetNames()
            let sql = "SELECT \(Self.pollColumns) FROM polls\(filter.whereClause) ORDER BY finished_at, id"
            return try db.query(sql, filter.arguments) { row in
                try Self.decodePoll(row, targetName: names[row.int64(1)] ?? "")
            }
        }
    }

    public func firstPoll(target: String?) throws -> PollRecord? {
        try db.transaction(.deferred) {
            let names = try targetNames()
            let decode = { (row: Row) throws -> PollRecord in
                try Self.decodePoll(row, targetName: names[row.int64(1)] ?? "")
            }
            guard let target else {
                // polls_by_time, walked forwards: one row.
                return try db.queryFirst(
                    "SELECT \(Self.pollColumns) FROM polls ORDER BY finished_at, id LIMIT 1", [], decode)
            }
            guard let targetID = try targetID(named: target) else { return nil }
            return try db.queryFirst(
                "SELECT \(Self.pollColumns) FROM polls WHERE target_id = ? ORDER BY finished_at, id LIMIT 1",
                [targetID], decode)
        }
    }

    public func lastSuccessfulPoll(target: String, atOrBefore at: Date) throws -> PollRecord? {
        try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target) else { return nil }
            return try lastSuccessfulPoll(targetID: targetID, targetName: target, atOrBefore: at)
        }
    }

    /// polls_by_target walked backwards from `at`, skipping failures.
    func lastSuccessfulPoll(targetID: Int64, targetName: String, atOrBefore at: Date) throws -> PollRecord? {
        try db.queryFirst(
            """
            SELECT \(Self.pollColumns) FROM polls
            WHERE target_id = ? AND finished_at <= ? AND result = 'success'
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """,
            [targetID, at.unixMilliseconds]
        ) { try Self.decodePoll($0, targetName: targetName) }
    }

    public func prunePolls(before: Date) throws -> Int {
        try db.transaction {
            // event_count > 0 marks exactly the polls that events refer to. Object versions carry times, not
            // poll ids, so they pin no poll.
            try db.execute(
                """
                DELETE FROM polls
                WHERE finished_at < ? AND event_count = 0
                    AND id NOT IN (SELECT last_poll_id FROM targets WHERE last_poll_id IS NOT NULL)
                    AND id NOT IN (SELECT last_success_id FROM targets WHERE last_success_id IS NOT NULL)
                """,
                [before.unixMilliseconds]
            )
            let deleted = db.changes
            if deleted > 0 { logger.debug("pruned poll log", metadata: ["polls.deleted": "\(deleted)"]) }
            // Disk history older than the retention, except each subscription's newest row before it (the value
            // that still held at the cut-off).
            try db.execute(
                """
                DELETE FROM subscription_disk_history AS h
                WHERE day < ?1 AND EXISTS (
                    SELECT 1 FROM subscription_disk_history
                    WHERE target_id = h.target_id AND key = h.key AND day > h.day AND day <= ?1)
                """,
                [before.unixMilliseconds / 86_400_000])
            return deleted
        }
    }

    func poll(id: Int64, targetName: String) throws -> PollRecord? {
        try db.queryFirst("SELECT \(Self.pollColumns) FROM polls WHERE id = ?", [id]) {
            try Self.decodePoll($0, targetName: targetName)
        }
    }

    /// Decodes a row selected with ``pollColumns``.
    static func decodePoll(_ row: Row, targetName: String) throws -> PollRecord {
        let result = PollResult(rawValue: row.string(4)) ?? .failure
        var counts: PollCounts?
        if result == .success {
            counts = PollCounts(
                domains: row.optionalInt(6) ?? 0,
                clients: row.optionalInt(7) ?? 0,
                aliases: row.optionalInt(8) ?? 0,
                domainsByHostingType: try row.optionalString(12).map {
                    try JSONText.decodeMap($0, column: "polls.domains_by_hosting_type")
                } ?? [:],
                clientsByTypeAndStatus: try row.optionalString(13).map {
                    try JSONText.decodeMap($0, column: "polls.clients_by_type_status")
                } ?? [:],
                subscriptions: row.optionalInt(16),
                subscriptionsByStatus: try row.optionalString(19).map {
                    try JSONText.decodeMap($0, column: "polls.subscriptions_by_status")
                } ?? [:],
                subscriptionsOverLimit: row.optionalInt(18),
                plans: row.optionalInt(17)
            )
        }
        let failedKinds = try row.optionalString(22).map {
            try JSONText.decodeValue([ObjectKind: KindFailure].self, $0, column: "polls.failed_kinds")
        }
        return PollRecord(
            id: row.int64(0),
            target: targetName,
            startedAt: Date(unixMilliseconds: row.int64(2)),
            finishedAt: Date(unixMilliseconds: row.int64(3)),
            result: result,
            errorReason: row.optionalString(14),
            errorMessage: row.optionalString(15),
            counts: counts,
            baseline: row.bool(5),
            eventCount: row.int(9),
            heldDomains: row.int(10),
            heldClients: row.int(11),
            heldSubscriptions: row.int(20),
            heldPlans: row.int(21),
            failedKinds: failedKinds ?? [:]
        )
    }
}

/// The WHERE clause of poll-log reads: fixed SQL fragments, values bound.
private struct PollFilter {
    var targetID: Int64?
    var since: Date?
    var until: Date?
    var successOnly = false

    var whereClause: String {
        var terms: [String] = []
        if targetID != nil { terms.append("target_id = ?") }
        if since != nil { terms.append("finished_at >= ?") }
        if until != nil { terms.append("finished_at <= ?") }
        if successOnly { terms.append("result = 'success'") }
        return terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND ")
    }

    var arguments: [any SQLiteBindable] {
        var arguments: [any SQLiteBindable] = []
        if let targetID { arguments.append(targetID) }
        if let since { arguments.append(since.unixMilliseconds) }
        if let until { arguments.append(until.unixMilliseconds) }
        return arguments
    }
}
