import Foundation
import InventoryModel
import Logging

extension SQLiteInventoryStore {
    /// Writes a complete poll in one transaction.
    ///
    /// All times written are the poll's `finishedAt`: events happen at it, and versions change at it (a modified
    /// object's old version gets `valid_to`, its new one `valid_from`). Objects not mentioned are not touched:
    /// their open versions simply stay open, and their "last seen" is the target's last successful poll.
    ///
    /// The diff is trusted but not blindly: an `added` object that already has an open version is treated as
    /// modified (its first-seen time is kept), a `modified` one without an open version as added, and a `removed`
    /// one without an open version is ignored; each such case is logged as a warning.
    @discardableResult
    public func commit(_ poll: CompletePoll) throws -> (poll: PollRecord, events: [EventRecord]) {
        let at = poll.finishedAt.unixMilliseconds
        return try db.transaction {
            let targetID = try ensureTarget(name: poll.target, url: nil)
            let held = Dictionary(grouping: poll.held, by: \.kind).mapValues(\.count)
            let counts = poll.counts
            try db.execute(
                """
                INSERT INTO polls (
                    target_id, started_at, finished_at, result, baseline, domains, clients, aliases, event_count,
                    held_domains, held_clients, domains_by_hosting_type, clients_by_type_status, subscriptions, plans,
                    subscriptions_over_limit, subscriptions_by_status, held_subscriptions, held_plans, failed_kinds)
                VALUES (?, ?, ?, 'success', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    targetID, poll.startedAt.unixMilliseconds, at, poll.baseline, counts.domains,
                    counts.clients, counts.aliases, poll.eventCount, held[.domain] ?? 0, held[.client] ?? 0,
                    JSONText.encode(counts.domainsByHostingType),
                    JSONText.encode(counts.clientsByTypeAndStatus),
                    counts.subscriptions, counts.plans, counts.subscriptionsOverLimit,
                    counts.subscriptions == nil ? nil : JSONText.encode(counts.subscriptionsByStatus),
                    held[.subscription] ?? 0, held[.plan] ?? 0,
                    poll.failedKinds.isEmpty ? nil : JSONText.encodeValue(poll.failedKinds),
                ]
            )
            let pollID = db.lastInsertRowID

            // The versions this commit opens, so an event whose after-state is one of them refers to it (migration 9).
            var opened = OpenedVersions(added: poll.added, implied: poll.impliedBaselineEvents?.kinds ?? [])
            for object in poll.modified {
                if let firstSeen = try closeVersion(targetID: targetID, kind: object.kind, key: object.key, at: at) {
                    try insertVersion(object, targetID: targetID, firstSeen: firstSeen, at: at)
                } else {
                    warnInconsistent("modified object has no current version; stored as added", poll.target, object)
                    try insertVersion(object, targetID: targetID, firstSeen: at, at: at)
                }
                opened.modified[OpenedVersion(kind: object.kind, key: object.key)] = .init(
                    id: db.lastInsertRowID, json: object.fieldsJSON)
            }
            for removal in poll.removed {
                if try closeVersion(targetID: targetID, kind: removal.kind, key: removal.key, at: at) == nil {
                    logger.warning(
                        "removed object has no current version; ignored",
                        metadata: [
                            "target": "\(poll.target)", "object.kind": "\(removal.kind)",
                            "object.key": "\(removal.key)",
                        ]
                    )
                }
            }
            for object in poll.added {
                do {
                    try insertVersion(object, targetID: targetID, firstSeen: at, at: at)
                } catch let error as SQLiteError where error.isUniqueViolation {
                    warnInconsistent("added object already has a current version; stored as modified", poll.target, object)
                    let firstSeen = try closeVersion(targetID: targetID, kind: object.kind, key: object.key, at: at)
                    try insertVersion(object, targetID: targetID, firstSeen: firstSeen ?? at, at: at)
                }
                opened.addedIDs.append(db.lastInsertRowID)
            }

            let events = try insertEvents(
                of: poll, targetID: targetID, pollID: pollID, at: at, opened: opened,
                reportsBaseline: poll.reportsBaselineEvents)

            for (kind, data) in poll.memory {
                // A baseline's memory of 100,000 domains is 5 MB: bound, it was copied twice at the commit's peak.
                try db.insert(
                    "INSERT OR REPLACE INTO poll_memory (target_id, kind, data) VALUES (?, ?, zeroblob(?))",
                    [targetID, kind.rawValue], blob: data, table: "poll_memory", column: "data")
            }

            try writeSubscriptionState(poll, targetID: targetID)

            try db.execute("DELETE FROM held_removals WHERE target_id = ?", [targetID])
            for held in poll.held {
                try db.execute(
                    "INSERT OR REPLACE INTO held_removals (target_id, kind, key, missed_polls) VALUES (?, ?, ?, ?)",
                    [targetID, held.kind.rawValue, held.key, held.missedPolls]
                )
            }

            try db.execute(
                """
                UPDATE targets SET last_poll_id = ?1, last_success_id = ?1, baseline_at = coalesce(baseline_at, ?2),
                    server_json = coalesce(?4, server_json)
                WHERE id = ?3
                """,
                [pollID, poll.baseline ? at : nil, targetID, poll.serverJSON]
            )

            let record = PollRecord(
                id: pollID,
                target: poll.target,
                startedAt: Date(unixMilliseconds: poll.startedAt.unixMilliseconds),
                finishedAt: Date(unixMilliseconds: at),
                result: .success,
                errorReason: nil,
                errorMessage: nil,
                counts: poll.counts,
                baseline: poll.baseline,
                eventCount: poll.eventCount,
                heldDomains: held[.domain] ?? 0,
                heldClients: held[.client] ?? 0,
                heldSubscriptions: held[.subscription] ?? 0,
                heldPlans: held[.plan] ?? 0,
                failedKinds: poll.failedKinds
            )
            return (record, events)
        }
    }

    /// Usage rows, transition counters and the status/plan breakdown: current state, overwritten in place.
    private func writeSubscriptionState(_ poll: CompletePoll, targetID: Int64) throws {
        for key in poll.usageRemoved {
            try db.execute("DELETE FROM subscription_usage WHERE target_id = ? AND key = ?", [targetID, key])
        }
        let day = poll.finishedAt.unixMilliseconds / 86_400_000
        for usage in poll.usage {
            try db.execute(
                "INSERT OR REPLACE INTO subscription_disk_history (target_id, key, day, disk_bytes) VALUES (?, ?, ?, ?)",
                [targetID, usage.key, day, usage.diskBytes])
            try db.execute(
                """
                INSERT OR REPLACE INTO subscription_usage (
                    target_id, key, name, plan, disk_bytes, traffic_bytes, disk_limit_bytes, traffic_limit_bytes,
                    over_limits)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    targetID, usage.key, usage.name, usage.plan, usage.diskBytes, usage.trafficBytes,
                    usage.diskLimitBytes, usage.trafficLimitBytes, usage.overLimits.joined(separator: ","),
                ])
        }
        for (transition, count) in poll.transitions where count > 0 {
            try db.execute(
                """
                INSERT INTO transition_tallies (target_id, transition, total) VALUES (?1, ?2, ?3)
                ON CONFLICT (target_id, transition) DO UPDATE SET total = total + ?3
                """,
                [targetID, transition.rawValue, count])
        }
        let stored = Self.kinds(
            try db.queryFirst("SELECT baselined_kinds FROM targets WHERE id = ?", [targetID]) { $0.string(0) } ?? "")
        if !poll.collectedKinds.isSubset(of: stored) {
            let baselined = stored.union(poll.collectedKinds)
            try db.execute(
                "UPDATE targets SET baselined_kinds = ? WHERE id = ?",
                [ObjectKind.allCases.filter(baselined.contains).map(\.rawValue).joined(separator: ","), targetID])
        }
        if let readAt = poll.usageReadAt {
            try db.execute("UPDATE targets SET usage_read_at = ? WHERE id = ?", [readAt.unixMilliseconds, targetID])
        }
        if let breakdown = poll.subscriptionBreakdown {
            try db.execute(
                "UPDATE targets SET subscription_breakdown = ? WHERE id = ?",
                [JSONText.encodeValue(breakdown.sorted()), targetID])
        }
    }

    /// Closes the open version of an object at `at`; returns its first-seen time, or nil if there was none.
    private func closeVersion(targetID: Int64, kind: ObjectKind, key: String, at: Int64) throws -> Int64? {
        // max(): a clock that stepped back must not make an interval negative (and fail the CHECK forever).
        try db.query(
            """
            UPDATE object_versions SET valid_to = max(?1, valid_from)
            WHERE target_id = ?2 AND kind = ?3 AND key = ?4 AND valid_to IS NULL
            RETURNING first_seen
            """,
            [at, targetID, kind.rawValue, StoredKey.bound(key)]
        ) { $0.int64(0) }.first
    }

    private func insertVersion(_ object: StoredObject, targetID: Int64, firstSeen: Int64, at: Int64) throws {
        try db.execute(
            """
            INSERT INTO object_versions (target_id, kind, key, name, fields_hash, first_seen, valid_from, fields_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                targetID, object.kind.rawValue, StoredKey.bound(object.key), object.name, object.fieldsHash,
                firstSeen, at, PackedJSON.pack(object.fieldsJSON),
            ]
        )
    }

    private func insertEvents(
        of poll: CompletePoll,
        targetID: Int64,
        pollID: Int64,
        at: Int64,
        opened: OpenedVersions,
        reportsBaseline: Bool
    ) throws -> [EventRecord] {
        let (events, target) = (poll.events, poll.target)
        let impliedCount = poll.eventCount - events.count
        guard !events.isEmpty || impliedCount > 0 else { return [] }
        try noteEventTime(at)
        let atDate = Date(unixMilliseconds: at)
        var tallies: [TallyKey: (total: Int, unacknowledged: Int)] = [:]
        var records: [EventRecord] = []
        records.reserveCapacity(reportsBaseline ? events.count + impliedCount : events.count { !$0.baseline })
        var opened = opened

        func record(_ event: NewEvent, id: Int64) {
            guard reportsBaseline || !event.baseline else { return }
            let acknowledged = event.acknowledgedBy != nil
            records.append(
                EventRecord(
                    id: id,
                    target: target,
                    pollID: pollID,
                    at: atDate,
                    kind: event.kind,
                    change: event.change,
                    key: event.key,
                    name: event.name,
                    baseline: event.baseline,
                    changedFields: event.changedFields,
                    beforeJSON: event.beforeJSON,
                    afterJSON: event.afterJSON,
                    acknowledgedAt: acknowledged ? atDate : nil,
                    acknowledgedBy: event.acknowledgedBy,
                    acknowledgeComment: nil
                )
            )
        }

        // The implied baseline events come first, in the order of the added objects: consecutive objects of one
        // kind whose versions were opened one after another make one run (migration 11), read back from the
        // versions. Even a run of one is a smaller row than an event's row with its index entries.
        if let implied = poll.impliedBaselineEvents, impliedCount > 0 {
            let added = poll.added
            var start = added.startIndex
            while start < added.endIndex {
                let kind = added[start].kind
                guard implied.kinds.contains(kind) else {
                    start += 1
                    continue
                }
                let firstVersionID = opened.addedIDs[start]
                var end = start + 1
                while end < added.endIndex, added[end].kind == kind,
                    opened.addedIDs[end] == firstVersionID + Int64(end - start)
                {
                    end += 1
                }
                let firstID = try reserveEventIDs(end - start)
                try db.execute(
                    """
                    INSERT INTO baseline_runs (first_id, count, target_id, poll_id, at, kind, first_version_id,
                        acknowledged_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [firstID, end - start, targetID, pollID, at, kind.rawValue, firstVersionID, implied.acknowledgedBy])
                if reportsBaseline {
                    for index in start..<end {
                        record(implied.event(for: added[index]), id: firstID + Int64(index - start))
                    }
                }
                start = end
            }
        }

        for event in events {
            // The after-state by reference when it is a version this commit opened: its JSON is then stored once.
            let version = event.afterJSON == nil ? nil : opened.version(kind: event.kind, key: event.key)
            let versionID = version.flatMap { $0.json == event.afterJSON ? $0.id : nil }
            let acknowledged = event.acknowledgedBy != nil
            try db.execute(
                """
                INSERT INTO events (
                    target_id, poll_id, at, kind, change, baseline, acknowledged, key, name, changed_fields,
                    acknowledged_at, acknowledged_by, before_json, after_json, version_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    targetID, pollID, at, event.kind.rawValue, event.change.rawValue, event.baseline, acknowledged,
                    event.key, event.name, JSONText.encode(event.changedFields), acknowledged ? at : nil,
                    event.acknowledgedBy, event.beforeJSON.map(PackedJSON.pack),
                    versionID == nil ? event.afterJSON.map(PackedJSON.pack) : nil, versionID,
                ]
            )
            let eventID = db.lastInsertRowID
            for webhook in event.webhooks {
                try db.execute(
                    "INSERT OR IGNORE INTO outbox (event_id, webhook, next_attempt_at) VALUES (?, ?, ?)",
                    [eventID, webhook, at])
            }
            record(event, id: eventID)
            if !event.baseline {
                let key = TallyKey(targetID: targetID, kind: event.kind, change: event.change)
                var tally = tallies[key, default: (0, 0)]
                tally.total += 1
                if !acknowledged { tally.unacknowledged += 1 }
                tallies[key] = tally
            }
        }
        for (key, tally) in tallies {
            try adjustTally(key, total: tally.total, unacknowledged: tally.unacknowledged)
        }
        return records
    }

    private func warnInconsistent(_ message: Logger.Message, _ target: String, _ object: StoredObject) {
        logger.warning(
            message,
            metadata: ["target": "\(target)", "object.kind": "\(object.kind)", "object.key": "\(object.key)"]
        )
    }
}

/// One row of `event_tallies`.
struct TallyKey: Hashable {
    var targetID: Int64
    var kind: ObjectKind
    var change: ChangeKind
}

/// An object whose version a commit opened.
private struct OpenedVersion: Hashable {
    var kind: ObjectKind
    var key: String

    struct Row {
        var id: Int64
        var json: String
    }
}

/// The versions a commit opened, as its events look them up. The added objects' events come in the order the
/// versions were inserted, so each is found at the next position: many added objects need no table of them (for a
/// baseline carried event by event a dictionary was 17 MB at the commit's peak). Objects with implied events are
/// passed over. The modified objects are few and kept by key; an event out of order builds the table once.
private struct OpenedVersions {
    let added: [StoredObject]
    /// The version id of each of `added`, in order.
    var addedIDs: [Int64] = []
    var modified: [OpenedVersion: OpenedVersion.Row] = [:]
    private var next = 0
    private var addedByKey: [OpenedVersion: Int]?

    /// Kinds whose added objects have implied events: the walk passes over them.
    private let implied: Set<ObjectKind>

    init(added: [StoredObject], implied: Set<ObjectKind>) {
        self.added = added
        self.implied = implied
        addedIDs.reserveCapacity(added.count)
    }

    mutating func version(kind: ObjectKind, key: String) -> OpenedVersion.Row? {
        while !implied.isEmpty, next < addedIDs.count, implied.contains(added[next].kind) { next += 1 }
        if next < addedIDs.count, added[next].kind == kind, added[next].key == key {
            defer { next += 1 }
            return row(next)
        }
        if let row = modified[OpenedVersion(kind: kind, key: key)] { return row }
        if addedByKey == nil {
            addedByKey = Dictionary(
                addedIDs.indices.map { (OpenedVersion(kind: added[$0].kind, key: added[$0].key), $0) },
                uniquingKeysWith: { _, last in last })
        }
        guard let index = addedByKey?[OpenedVersion(kind: kind, key: key)] else { return nil }
        next = index + 1
        return row(index)
    }

    private func row(_ index: Int) -> OpenedVersion.Row {
        OpenedVersion.Row(id: addedIDs[index], json: added[index].fieldsJSON)
    }
}
