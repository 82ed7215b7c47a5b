import Foundation
import InventoryModel
import Storage
import Testing
import TestSupport

/// Baseline events stored as runs of versions (migration 11) read exactly as the same events stored as rows.
@Suite struct BaselineRunTests {
    /// One history, committed as the poller writes it: three targets' baselines (one committed after a later poll
    /// of another target, so times run backwards), a kind baselined later on a target that has its baseline,
    /// beside ordinary events, and changes to baseline objects (their versions close). With `asRows`, the baseline
    /// events are handed over one by one, which stores each as a row; else they are left implied by the objects, as
    /// the poller does, and stored as runs. Nothing else differs.
    private func commitHistory(_ store: SQLiteInventoryStore, asRows: Bool) async throws {
        /// A poll whose added objects are all a kind's baseline.
        func baselining(
            _ target: String, at seconds: Int, added: [StoredObject], modified: [StoredObject] = [],
            events: [NewEvent] = [], baseline: Bool
        ) -> CompletePoll {
            guard asRows else {
                var poll = poll(target, at: seconds, added: added, modified: modified, events: events, baseline: baseline)
                poll.impliedBaselineEvents = ImpliedBaselineEvents(
                    kinds: Set(added.map(\.kind)), acknowledgedBy: "baseline")
                return poll
            }
            let carried = added.map { addedEvent($0, baseline: true, acknowledgedBy: "baseline") }
            return poll(
                target, at: seconds, added: added, modified: modified, events: carried + events, baseline: baseline)
        }
        let aObjects = (1...30).map { domain($0) } + (1...8).map { client($0) }
        try await store.commit(baselining("a", at: 0, added: aObjects, baseline: true))
        let bObjects = (1...12).map { domain($0) }
        try await store.commit(baselining("b", at: 5, added: bObjects, baseline: true))
        try await store.commit(
            poll(
                "a", at: 60, added: [domain(40)], modified: [domain(3, version: 2)], removed: [(.domain, "guid-d4")],
                events: [
                    addedEvent(domain(40)), modifiedEvent(from: domain(3), to: domain(3, version: 2)),
                    removedEvent(domain(4)),
                ]))
        // c's baseline finishes before a's poll at 60 but commits after it.
        let cObjects = (1...5).map { client($0) } + (1...6).map { domain($0) }
        try await store.commit(baselining("c", at: 50, added: cObjects, baseline: true))
        // b collects plans for the first time: their baseline comes with an ordinary change of a domain.
        let plans = (1...4).map { plan($0) }
        try await store.commit(
            baselining(
                "b", at: 120, added: plans, modified: [domain(1, version: 5)],
                events: [modifiedEvent(from: domain(1), to: domain(1, version: 5))], baseline: false))
        try await store.commit(
            poll(
                "b", at: 180, added: [domain(1)], removed: [(.domain, "guid-d1"), (.domain, "guid-d2")],
                events: [removedEvent(domain(2))]))
    }

    private func poll(
        _ target: String, at seconds: Int, added: [StoredObject] = [], modified: [StoredObject] = [],
        removed: [(kind: ObjectKind, key: String)] = [], events: [NewEvent], baseline: Bool = false
    ) -> CompletePoll {
        CompletePoll(
            target: target, startedAt: at(seconds), finishedAt: at(seconds), baseline: baseline, counts: PollCounts(),
            added: added, modified: modified, removed: removed, events: events)
    }

    private func plan(_ n: Int) -> StoredObject {
        StoredObject(kind: .plan, key: "guid-p\(n)", name: "plan \(n)", fieldsJSON: #"{"v":\#(n)}"#, fieldsHash: 1)
    }

    /// Every page of `query`, following the `after` cursor.
    private func allPages(_ store: SQLiteInventoryStore, _ query: EventQuery) async throws -> [EventRecord] {
        try await allEvents(store, matching: query) { page in #expect(page.count <= query.limit) }
    }

    @Test("every read of events gives the same answer whether a baseline's events are runs or rows")
    func runsReadAsRows() async throws {
        try await withStore { runs, runsPath in
            try await withStore { rows, rowsPath in
                try await commitHistory(runs, asRows: false)
                try await commitHistory(rows, asRows: true)
                let db = try SQLiteConnection(path: runsPath)
                let stored = try db.query("SELECT kind, count FROM baseline_runs ORDER BY first_id") {
                    "\($0.string(0)) \($0.int(1))"
                }
                #expect(stored == ["domain 30", "client 8", "domain 12", "client 5", "domain 6", "plan 4"])
                #expect(try db.queryFirst("SELECT count(*) FROM events WHERE baseline = 1") { $0.int(0) } == 0)
                let rowsDB = try SQLiteConnection(path: rowsPath)
                #expect(try rowsDB.queryFirst("SELECT count(*) FROM baseline_runs") { $0.int(0) } == 0)
                #expect(try rowsDB.queryFirst("SELECT count(*) FROM events WHERE baseline = 1") { $0.int(0) } == 65)
                let counts = try await rows.polls(target: nil, since: nil, until: nil, limit: 20).map(\.eventCount)
                #expect(try await runs.polls(target: nil, since: nil, until: nil, limit: 20).map(\.eventCount) == counts)

                let all = try await rows.events(EventQuery(limit: 1000))
                // 65 baseline events, 3 on a at 60, 1 modification on b at 120 and a removal at 180.
                #expect(all.count == 70)
                #expect(try await runs.events(EventQuery(limit: 1000)) == all)
                for event in all { #expect(try await runs.event(id: event.id) == event) }
                #expect(try await runs.event(id: all.last!.id + 1) == nil)
                #expect(try await runs.event(id: 0) == nil)

                let times: [Date?] = [nil, at(0), at(5), at(50), at(55), at(60), at(120), at(121), at(500)]
                let keys: [String?] = ["guid-d1", "guid-d3", "guid-d4", "guid-c2", "guid-p1", "guid-d40", nil, nil]
                var generator = SeededRandom(seed: 11)
                for _ in 0..<400 {
                    let query = EventQuery(
                        target: ["a", "b", "c", "nobody", nil, nil].randomElement(using: &generator)!,
                        kind: [ObjectKind.domain, .client, .plan, nil].randomElement(using: &generator)!,
                        change: [ChangeKind.added, .removed, .modified, nil, nil].randomElement(using: &generator)!,
                        key: keys.randomElement(using: &generator)!,
                        since: times.randomElement(using: &generator)!,
                        until: times.randomElement(using: &generator)!,
                        acknowledged: [true, false, nil].randomElement(using: &generator)!,
                        includeBaseline: Bool.random(using: &generator),
                        limit: Int.random(in: 1...7, using: &generator)
                    )
                    let expected = try await allPages(rows, query)
                    #expect(try await allPages(runs, query) == expected, "\(query)")
                    #expect(
                        try await runs.baselineEventCount(query) == rows.baselineEventCount(query), "\(query)")
                }
            }
        }
    }

    @Test("implied baseline events are reported like carried ones, stored first, and walked past by the other events")
    func impliedEventsReported() async throws {
        try await withStore { store, _ in
            try await store.commit(baselinePoll(target: "t", objects: [domain(1)], at: at(0)))
            // Plans baselined beside an added domain and a changed one.
            var later = poll(
                "t", at: 60, added: [plan(1), domain(2), plan(2)], modified: [domain(1, version: 2)],
                events: [addedEvent(domain(2)), modifiedEvent(from: domain(1), to: domain(1, version: 2))])
            later.impliedBaselineEvents = ImpliedBaselineEvents(kinds: [.plan], acknowledgedBy: "baseline")
            #expect(later.eventCount == 4)
            #expect(later.allEvents.map(\.key) == ["guid-p1", "guid-p2", "guid-d2", "guid-d1"])
            let stored = try await store.commit(later)
            #expect(stored.poll.eventCount == 4)
            #expect(stored.events.map(\.id) == [2, 3, 4, 5])
            #expect(stored.events.map(\.key) == ["guid-p1", "guid-p2", "guid-d2", "guid-d1"])
            #expect(stored.events.map(\.baseline) == [true, true, false, false])
            #expect(stored.events[0].acknowledgedBy == "baseline" && stored.events[2].acknowledgedBy == nil)
            #expect(stored.events[1].afterJSON == plan(2).fieldsJSON && stored.events[1].name == "plan 2")
            #expect(try await store.events(EventQuery(target: "t", limit: 10)) == [
                try await store.event(id: 1)!] + stored.events)
            // Not reported: stored all the same.
            var third = poll("t", at: 120, added: [client(1)], events: [])
            third.impliedBaselineEvents = ImpliedBaselineEvents(kinds: [.client], acknowledgedBy: "baseline")
            third.reportsBaselineEvents = false
            let quiet = try await store.commit(third)
            #expect(quiet.events.isEmpty && quiet.poll.eventCount == 1)
            #expect(try await store.event(id: 6)?.key == "guid-c1")
        }
    }

    @Test("implied runs split where the kind changes; events in another order than the versions still refer to them")
    func eventsOutOfVersionOrder() async throws {
        try await withStore { store, path in
            let objects = [domain(1), domain(2), client(1), domain(3)]
            let stored = try await store.commit(baselinePoll(target: "t", objects: objects, at: at(0)))
            #expect(stored.events.map(\.key) == ["guid-d1", "guid-d2", "guid-c1", "guid-d3"])
            let added = [domain(10), domain(11), domain(12)]
            try await store.commit(
                poll("t", at: 60, added: added, events: [addedEvent(domain(12)), addedEvent(domain(10)), addedEvent(domain(11))]))
            let db = try SQLiteConnection(path: path)
            #expect(
                try db.query("SELECT kind, count FROM baseline_runs ORDER BY first_id") { "\($0.string(0)) \($0.int(1))" }
                    == ["domain 2", "client 1", "domain 1"])
            #expect(
                try db.query("SELECT after_json IS NULL AND version_id IS NOT NULL FROM events ORDER BY id") {
                    $0.bool(0)
                } == [true, true, true])
            let read = try await store.events(EventQuery(target: "t", limit: 20))
            #expect(read.map(\.key) == stored.events.map(\.key) + ["guid-d12", "guid-d10", "guid-d11"])
            let byKey = Dictionary(uniqueKeysWithValues: (objects + added).map { ($0.key, $0) })
            for event in read {
                #expect(
                    event.afterJSON == byKey[event.key]?.fieldsJSON && event.name == byKey[event.key]?.name, "\(event.key)")
            }
        }
    }

    @Test("a commit that does not report baseline events stores them all and returns only the others")
    func baselineEventsNotReported() async throws {
        try await withStore { store, _ in
            var first = baselinePoll(target: "t", objects: [domain(1), domain(2)], at: at(0))
            first.reportsBaselineEvents = false
            let stored = try await store.commit(first)
            #expect(stored.events.isEmpty)
            #expect(stored.poll.eventCount == 2)
            var later = poll("t", at: 60, added: [domain(3)], events: [addedEvent(domain(3))])
            later.reportsBaselineEvents = false
            #expect(try await store.commit(later).events.map(\.key) == ["guid-d3"])
            #expect(try await store.events(EventQuery(target: "t")).map(\.key) == ["guid-d1", "guid-d2", "guid-d3"])
        }
    }

    @Test("a real event never takes a run's id, even after the newest rows are gone")
    func runIDsAreReserved() async throws {
        try await withStore { store, path in
            let baseline = try await store.commit(
                baselinePoll(target: "t", objects: [domain(1), domain(2), domain(3)], at: at(0)))
            #expect(baseline.events.map(\.id) == [1, 2, 3])
            let later = try await store.commit(
                poll("t", at: 60, added: [domain(4)], events: [addedEvent(domain(4))]))
            #expect(later.events.map(\.id) == [4])
            let db = try SQLiteConnection(path: path)
            try db.execute("DELETE FROM events")
            let last = try await store.commit(
                poll("t", at: 120, added: [domain(5)], events: [addedEvent(domain(5))]))
            #expect(last.events.map(\.id) == [5])
            #expect(try await store.events(EventQuery(limit: 10)).map(\.key) == ["guid-d1", "guid-d2", "guid-d3", "guid-d5"])
        }
    }

    @Test("acknowledging never touches a run: its events were acknowledged by the baseline")
    func runsStayAcknowledged() async throws {
        try await withStore { store, _ in
            let baseline = try await store.commit(
                baselinePoll(target: "t", objects: [domain(1), domain(2)], at: at(0)))
            let ids = baseline.events.map(\.id)
            #expect(try await store.acknowledge(ids: ids, by: "ops", comment: "late", at: at(10)) == 0)
            #expect(
                try await store.acknowledge(
                    target: nil, kind: nil, change: nil, until: at(100), by: "ops", comment: nil, at: at(10)) == 0)
            let read = try await store.events(EventQuery(target: "t"))
            #expect(read.map(\.acknowledgedBy) == ["baseline", "baseline"])
            #expect(read.map(\.acknowledgedAt) == [at(0), at(0)])
            #expect(read.allSatisfy { $0.baseline && $0.change == .added && $0.acknowledgeComment == nil })
        }
    }
}
