import Foundation
import InventoryModel
import Storage
import Testing
import TestSupport

@Suite struct EventTests {
    /// Two targets, baselines, changes of every kind, an auto-acknowledged event, one manual acknowledgement,
    /// and two commits whose poll times run backwards (target b finishes later but commits first).
    private func populate(_ store: SQLiteInventoryStore) async throws {
        try await store.commit(
            baselinePoll(target: "a", objects: [domain(1), domain(2), domain(3), client(1), client(2)], at: at(0))
        )
        try await store.commit(baselinePoll(target: "b", objects: [domain(1), domain(2)], at: at(5)))
        try await store.commit(
            CompletePoll(
                target: "a",
                startedAt: at(60),
                finishedAt: at(60),
                baseline: false,
                counts: PollCounts(),
                added: [domain(10), client(10)],
                modified: [domain(1, version: 2)],
                removed: [(.domain, "guid-d2")],
                events: [
                    addedEvent(domain(10)), addedEvent(client(10), acknowledgedBy: "rule:auto"),
                    modifiedEvent(from: domain(1), to: domain(1, version: 2)), removedEvent(domain(2)),
                ]
            )
        )
        try await store.commit(
            CompletePoll(
                target: "b",
                startedAt: at(120),
                finishedAt: at(120),
                baseline: false,
                counts: PollCounts(),
                modified: [domain(2, version: 3)],
                removed: [(.domain, "guid-d1")],
                events: [removedEvent(domain(1)), modifiedEvent(from: domain(2), to: domain(2, version: 3))]
            )
        )
        try await store.commit(
            CompletePoll(
                target: "a",
                startedAt: at(110),
                finishedAt: at(110),
                baseline: false,
                counts: PollCounts(),
                added: [client(11)],
                removed: [(.client, "guid-c2")],
                events: [addedEvent(client(11)), removedEvent(client(2))]
            )
        )
        let removal = try #require(try await store.events(EventQuery(target: "a", change: .removed)).first)
        #expect(try await store.acknowledge(ids: [removal.id], by: "ops", comment: "expected", at: at(130)) == 1)
    }

    /// Every page of `query`, following the `after` cursor.
    private func allPages(_ store: SQLiteInventoryStore, _ query: EventQuery) async throws -> [EventRecord] {
        try await allEvents(store, matching: query) { page in #expect(page.count <= query.limit) }
    }

    @Test func pagesWithTheCursorUnderEveryFilter() async throws {
        try await withStore { store, path in
            try await populate(store)
            // b's poll at 120 was stored before a's at 110: the store noted a 10 s skew for since/until.
            let db = try SQLiteConnection(path: path)
            #expect(try db.queryFirst("SELECT value FROM store_meta WHERE key = 'event_time_skew_ms'") { $0.int(0) } == 10_000)
            let all = try await store.events(EventQuery(limit: 1000))
            #expect(all.count == 15)
            #expect(all.map(\.id) == all.map(\.id).sorted())
            #expect(Set(all.map(\.id)).count == all.count)

            let times: [Date?] = [nil, at(0), at(5), at(60), at(100), at(110), at(115), at(120), at(500)]
            var generator = SeededRandom(seed: 42)
            for _ in 0..<300 {
                let query = EventQuery(
                    target: ["a", "b", "nobody", nil, nil].randomElement(using: &generator)!,
                    kind: [ObjectKind.domain, .client, nil].randomElement(using: &generator)!,
                    change: [ChangeKind.added, .removed, .modified, nil, nil].randomElement(using: &generator)!,
                    key: ["guid-d1", "guid-c2", nil, nil, nil].randomElement(using: &generator)!,
                    since: times.randomElement(using: &generator)!,
                    until: times.randomElement(using: &generator)!,
                    acknowledged: [true, false, nil].randomElement(using: &generator)!,
                    includeBaseline: Bool.random(using: &generator),
                    limit: Int.random(in: 1...4, using: &generator)
                )
                let expected = all.filter { event in
                    (query.target.map { event.target == $0 } ?? true)
                        && (query.kind.map { event.kind == $0 } ?? true)
                        && (query.change.map { event.change == $0 } ?? true)
                        && (query.key.map { event.key == $0 } ?? true)
                        && (query.since.map { event.at >= $0 } ?? true)
                        && (query.until.map { event.at <= $0 } ?? true)
                        && (query.acknowledged.map { event.acknowledged == $0 } ?? true)
                        && (query.includeBaseline || !event.baseline)
                }
                let actual = try await allPages(store, query)
                #expect(actual.map(\.id) == expected.map(\.id), "\(query)")
            }
        }
    }

    @Test func timeWindowsAreExactWhenCommitsArriveOutOfOrder() async throws {
        try await withStore { store, _ in
            // Poll times wander forwards with jitter and sometimes step back, as concurrent targets commit.
            var generator = SeededRandom(seed: 7)
            var time = 0
            var object = 0
            for poll in 0..<60 {
                time += Int.random(in: -40...60, using: &generator)
                let added = (0..<Int.random(in: 0...3, using: &generator)).map { _ -> StoredObject in
                    object += 1
                    return domain(object)
                }
                try await store.commit(
                    CompletePoll(
                        target: ["a", "b", "c"][poll % 3],
                        startedAt: at(time),
                        finishedAt: at(time),
                        baseline: false,
                        counts: PollCounts(),
                        added: added,
                        events: added.map { addedEvent($0) }
                    )
                )
            }
            let all = try await store.events(EventQuery(limit: 1000))
            #expect(all.count == object)
            let times = Set(all.map(\.at)).sorted()
            for _ in 0..<300 {
                let since =
                    Bool.random(using: &generator)
                    ? nil
                    : times.randomElement(using: &generator)!.addingTimeInterval(
                        Double(Int.random(in: -1...1, using: &generator))
                    )
                let until =
                    Bool.random(using: &generator)
                    ? nil
                    : times.randomElement(using: &generator)!.addingTimeInterval(
                        Double(Int.random(in: -1...1, using: &generator))
                    )
                let target = ["a", "b", nil].randomElement(using: &generator)!
                let query = EventQuery(target: target, since: since, until: until, limit: Int.random(in: 1...5, using: &generator))
                let expected = all.filter { event in
                    (target.map { event.target == $0 } ?? true) && (since.map { event.at >= $0 } ?? true)
                        && (until.map { event.at <= $0 } ?? true)
                }
                #expect(try await allPages(store, query).map(\.id) == expected.map(\.id), "\(query)")
            }
        }
    }

    @Test("an after-state that is the version its commit opened is stored once, by reference; any other as written")
    func afterStateByReference() async throws {
        try await withStore { store, path in
            try await populate(store)
            let db = try SQLiteConnection(path: path)
            let rows = try db.query(
                """
                SELECT e.key, e.change, e.baseline, e.after_json IS NULL, e.version_id IS NOT NULL FROM events e
                JOIN targets t ON t.id = e.target_id WHERE t.name = 'a' ORDER BY e.id
                """
            ) { "\($0.string(0)) \($0.string(1))\($0.bool(2) ? " baseline" : "") \($0.bool(3) ? "ref" : "json")\($0.bool(4) ? "" : " no-version")" }
            // The baseline's events are no rows: a run per kind (migration 11).
            #expect(
                rows == [
                    "guid-d10 added ref", "guid-c10 added ref",
                    // Its after-state here is not the stored version's fields: kept as written.
                    "guid-d1 modified json no-version",
                    // A removal has no after-state.
                    "guid-d2 removed ref no-version", "guid-c11 added ref", "guid-c2 removed ref no-version",
                ])
            let runs = try db.query(
                "SELECT kind, count FROM baseline_runs r JOIN targets t ON t.id = r.target_id WHERE t.name = 'a'"
            ) { "\($0.string(0)) \($0.int(1))" }
            #expect(runs == ["domain 3", "client 2"])
            // Read back, every after-state is what was committed, whichever way it was stored.
            let events = try await store.events(EventQuery(target: "a", includeBaseline: true, limit: 100))
            #expect(events.count == 11)
            for event in events where event.change == .added {
                let object = event.kind == .domain ? domain(Int(event.key.dropFirst(6))!) : client(Int(event.key.dropFirst(6))!)
                #expect(event.afterJSON == object.fieldsJSON, "\(event.key)")
                #expect(try await store.event(id: event.id)?.afterJSON == object.fieldsJSON)
            }
            #expect(events.first { $0.change == .modified }?.afterJSON == #"{"v":2}"#)
            #expect(events.filter { $0.change == .removed }.allSatisfy { $0.afterJSON == nil })
        }
    }

    @Test func storesEventContentAndReadsOneByID() async throws {
        try await withStore { store, _ in
            try await populate(store)
            let modified = try #require(try await store.events(EventQuery(target: "a", change: .modified)).first)
            #expect(modified.kind == .domain)
            #expect(modified.key == "guid-d1")
            #expect(modified.name == "d1.example")
            #expect(modified.at == at(60))
            #expect(modified.changedFields == ["v"])
            #expect(modified.beforeJSON == #"{"v":1}"#)
            #expect(modified.afterJSON == #"{"v":2}"#)
            #expect(!modified.baseline)
            #expect(!modified.acknowledged)
            #expect(try await store.event(id: modified.id) == modified)
            #expect(try await store.event(id: 999_999) == nil)

            let auto = try #require(try await store.events(EventQuery(target: "a", key: "guid-c10")).first)
            #expect(auto.acknowledgedBy == "rule:auto")
            #expect(auto.acknowledgedAt == at(60))
            #expect(auto.acknowledgeComment == nil)

            let polls = try await store.polls(target: "a", since: at(60), until: at(60), limit: 5)
            #expect(polls.map(\.id) == [modified.pollID])
            #expect(polls.first?.eventCount == 4)
        }
    }

    @Test func idsAreNeverReused() async throws {
        try await withStore { store, path in
            let first = try await store.commit(baselinePoll(target: "t", objects: [domain(1), domain(2)], at: at(0)))
            // Even if the newest events vanished, AUTOINCREMENT keeps counting up.
            let db = try SQLiteConnection(path: path)
            try db.execute("DELETE FROM events WHERE id = ?", [first.events.last!.id])
            let second = try await store.commit(
                CompletePoll(
                    target: "t",
                    startedAt: at(60),
                    finishedAt: at(60),
                    baseline: false,
                    counts: PollCounts(),
                    added: [domain(3)],
                    events: [addedEvent(domain(3))]
                )
            )
            #expect(second.events[0].id > first.events.last!.id)
        }
    }

    @Test func acknowledgesByIDs() async throws {
        try await withStore { store, _ in
            try await populate(store)
            let open = try await store.events(EventQuery(acknowledged: false, includeBaseline: false))
            #expect(open.count == 6)
            let ids = open.prefix(2).map(\.id)
            #expect(try await store.acknowledge(ids: ids + ids + [999_999], by: "alice", comment: nil, at: at(300)) == 2)
            #expect(try await store.acknowledge(ids: ids, by: "bob", comment: "again", at: at(400)) == 0)
            let acked = try #require(try await store.event(id: ids[0]))
            #expect(acked.acknowledgedBy == "alice")
            #expect(acked.acknowledgedAt == at(300))
            #expect(acked.acknowledgeComment == nil)
            #expect(try await store.events(EventQuery(acknowledged: false, includeBaseline: false)).count == 4)
            #expect(try await unacknowledgedTotal(store) == 4)
        }
    }

    @Test func acknowledgesByTargetAndTime() async throws {
        try await withStore { store, _ in
            try await populate(store)
            // a's open events up to 60: 2 at 60 (its baseline events were acknowledged by "baseline", c10 by a rule,
            // d2's removal by hand).
            #expect(try await store.acknowledge(target: "a", until: at(60), by: "ops", comment: "batch", at: at(500)) == 2)
            #expect(try await store.acknowledge(target: "a", until: at(60), by: "ops", comment: "batch", at: at(500)) == 0)
            let tallies = try await store.eventTallies().filter { $0.target == "a" }
            #expect(tallies.reduce(0) { $0 + $1.unacknowledged } == 2)
            let stillOpen = try await store.events(EventQuery(target: "a", acknowledged: false))
            #expect(stillOpen.map(\.at) == [at(110), at(110)])
            let batch = try #require(try await store.events(EventQuery(target: "a", change: .modified)).first)
            #expect(batch.acknowledgedBy == "ops")
            #expect(batch.acknowledgeComment == "batch")

            #expect(try await store.acknowledge(target: "nobody", until: at(1000), by: "x", comment: nil, at: at(1)) == 0)
            // No target: everything up to the time, across targets (b: 2 at 120; a: 2 at 110).
            #expect(try await store.acknowledge(target: nil, until: at(1000), by: "x", comment: nil, at: at(600)) == 4)
            #expect(try await store.events(EventQuery(acknowledged: false)).isEmpty)
            #expect(try await unacknowledgedTotal(store) == 0)
        }
    }

    @Test("baseline events are counted per target, kind and time, with and without a target (events_filter_all holds none)")
    func countsBaselineEvents() async throws {
        try await withStore { store, _ in
            try await populate(store)
            #expect(try await store.baselineEventCount(EventQuery()) == 7)
            #expect(try await store.baselineEventCount(EventQuery(target: "a")) == 5)
            #expect(try await store.baselineEventCount(EventQuery(target: "nobody")) == 0)
            #expect(try await store.baselineEventCount(EventQuery(kind: .client)) == 2)
            #expect(try await store.baselineEventCount(EventQuery(change: .removed)) == 0)
            #expect(try await store.baselineEventCount(EventQuery(since: at(1))) == 2)
            #expect(try await store.baselineEventCount(EventQuery(until: at(5))) == 5)
            let listed = try await store.events(EventQuery(change: .added, includeBaseline: true, limit: 100))
            #expect(listed.filter(\.baseline).count == 7)
            #expect(listed.map(\.id) == listed.map(\.id).sorted())
        }
    }

    @Test func talliesCountNonBaselineEventsAndTrackAcknowledgements() async throws {
        try await withStore { store, _ in
            try await store.registerTarget(name: "idle", url: "https://idle:8443")
            try await populate(store)
            let tallies = try await store.eventTallies()
            // Every registered target x kind x change is present, zero when nothing happened.
            #expect(tallies.count == 36)
            #expect(tallies.filter { $0.target == "idle" }.allSatisfy { $0.total == 0 && $0.unacknowledged == 0 })

            func tally(_ target: String, _ kind: ObjectKind, _ change: ChangeKind) -> EventTally? {
                tallies.first { $0.target == target && $0.kind == kind && $0.change == change }
            }
            // Baseline additions are not counted.
            #expect(tally("a", .domain, .added) == EventTally(target: "a", kind: .domain, change: .added, total: 1, unacknowledged: 1))
            // c10 was auto-acknowledged, c11 was not.
            #expect(tally("a", .client, .added)?.total == 2)
            #expect(tally("a", .client, .added)?.unacknowledged == 1)
            // One of a's two removals was acknowledged by hand.
            #expect(tally("a", .domain, .removed)?.unacknowledged == 0)
            #expect(tally("a", .client, .removed)?.unacknowledged == 1)
            #expect(tally("b", .domain, .removed)?.total == 1)
            #expect(tally("b", .domain, .modified)?.total == 1)
            #expect(tally("b", .domain, .added)?.total == 0)

            // The counters agree with counting the events themselves.
            let events = try await store.events(EventQuery(includeBaseline: false, limit: 1000))
            for entry in tallies {
                let matching = events.filter { $0.target == entry.target && $0.kind == entry.kind && $0.change == entry.change }
                #expect(entry.total == matching.count)
                #expect(entry.unacknowledged == matching.count { !$0.acknowledged })
            }
        }
    }

    @Test func eventPagesUseCoveringIndexesWithoutSorting() async throws {
        try await withStore { store, path in
            try await populate(store)
            let db = try SQLiteConnection(path: path)
            func plan(_ sql: String, _ arguments: [any SQLiteBindable]) throws -> String {
                try db.query("EXPLAIN QUERY PLAN " + sql, arguments) { $0.string(3) }.joined(separator: "\n")
            }
            let byFilter = try plan(EventSQL.pageByFilter, ["domain", "added", 0, 0, Int64.max, Int64.min, Int64.max, 100])
            #expect(byFilter.contains("COVERING INDEX events_filter_all"), "\(byFilter)")
            let byTarget = try plan(
                EventSQL.pageByTargetFilter,
                [1, "domain", "added", 0, 0, 0, Int64.max, Int64.min, Int64.max, 100]
            )
            #expect(byTarget.contains("COVERING INDEX events_filter"), "\(byTarget)")
            #expect(byTarget.contains("id>? AND id<?"), "\(byTarget)")
            let byKey = try plan(
                EventSQL.pageByKey,
                ["k", 0, Int64.max, Int64.min, Int64.max, nil as Int64?, nil as String?, nil as String?, nil as Int64?, 1, 100]
            )
            #expect(byKey.contains("INDEX events_by_key"), "\(byKey)")
            let byID = try plan(EventSQL.pageByID, [0, Int64.max, Int64.min, Int64.max, 100])
            #expect(byID.contains("INTEGER PRIMARY KEY"), "\(byID)")
            for text in [byFilter, byTarget, byKey, byID] {
                #expect(!text.contains("TEMP B-TREE"), "\(text)")
            }
        }
    }

    private func unacknowledgedTotal(_ store: SQLiteInventoryStore) async throws -> Int {
        try await store.eventTallies().reduce(0) { $0 + $1.unacknowledged }
    }
}

