import Foundation
import InventoryModel
import Storage
import Testing

@Suite struct InventoryCommitTests {
    @Test func commitsABaselineThenChanges() async throws {
        try await withStore { store, _ in
            try await store.registerTarget(name: "web1", url: "https://web1:8443")
            let baseline = baselinePoll(
                target: "web1",
                objects: [domain(1), domain(2), domain(3), client(1), client(2)],
                at: at(0)
            )
            let first = try await store.commit(baseline)
            #expect(first.poll.baseline)
            #expect(first.poll.result == .success)
            #expect(first.poll.finishedAt == at(0))
            #expect(first.poll.eventCount == 5)
            #expect(first.events.map(\.key) == baseline.allEvents.map(\.key))
            #expect(first.events.allSatisfy { $0.baseline && $0.pollID == first.poll.id && $0.at == at(0) })
            #expect(Set(first.events.map(\.id)).count == 5)

            let changed = domain(1, version: 2)
            let second = try await store.commit(
                CompletePoll(
                    target: "web1",
                    startedAt: at(59),
                    finishedAt: at(60),
                    baseline: false,
                    counts: PollCounts(domains: 3, clients: 2, aliases: 1, domainsByHostingType: ["virtual": 3]),
                    added: [domain(4)],
                    modified: [changed],
                    removed: [(.domain, domain(2).key)],
                    events: [addedEvent(domain(4)), modifiedEvent(from: domain(1), to: changed), removedEvent(domain(2))]
                )
            )
            #expect(second.events.map(\.change) == [.added, .modified, .removed])
            #expect(second.events.first!.id > first.events.last!.id)
            #expect(second.events[1].changedFields == ["v"])

            let domains = try await store.currentObjects(target: "web1", kind: .domain)
            #expect(
                Set(domains) == [
                    CurrentObjectState(key: "guid-d1", name: "d1.example", fieldsHash: 2),
                    CurrentObjectState(key: "guid-d3", name: "d3.example", fieldsHash: 1),
                    CurrentObjectState(key: "guid-d4", name: "d4.example", fieldsHash: 1),
                ]
            )
            #expect(try await store.currentObjects(target: "web1", kind: .client).count == 2)
            #expect(try await store.currentObjects(target: "nobody", kind: .client).isEmpty)

            let fields = try await store.currentFields(target: "web1", kind: .domain, keys: ["guid-d1", "guid-d2", "nope"])
            #expect(fields == ["guid-d1": changed.fieldsJSON])

            let target = try #require(try await store.targets().first)
            #expect(target.name == "web1")
            #expect(target.url == "https://web1:8443")
            #expect(target.baselineAt == at(0))
            #expect(target.lastPoll == second.poll)
            #expect(target.lastSuccess == second.poll)
            #expect(target.lastSuccess?.counts?.domainsByHostingType == ["virtual": 3])
        }
    }

    @Test func registerTargetIsIdempotentAndUpdatesTheURL() async throws {
        try await withStore { store, _ in
            try await store.registerTarget(name: "a", url: "https://one:8443")
            try await store.registerTarget(name: "a", url: "https://one:8443")
            try await store.registerTarget(name: "a", url: "https://two:8443")
            try await store.registerTarget(name: "b", url: "https://b:8443")
            let targets = try await store.targets()
            #expect(targets.map(\.name) == ["a", "b"])
            #expect(targets.map(\.url) == ["https://two:8443", "https://b:8443"])
            #expect(targets.allSatisfy { $0.lastPoll == nil && $0.lastSuccess == nil && $0.baselineAt == nil })
        }
    }

    @Test func reconstructsTheInventoryAtAnyTime() async throws {
        try await withStore { store, _ in
            try await store.commit(baselinePoll(target: "web1", objects: [domain(1), domain(2), client(1)], at: at(0)))
            try await store.commit(
                CompletePoll(
                    target: "web1",
                    startedAt: at(99),
                    finishedAt: at(100),
                    baseline: false,
                    counts: PollCounts(),
                    modified: [domain(1, version: 2)],
                    removed: [(.domain, domain(2).key)]
                )
            )
            // d2 comes back: a new life, first seen again at its return.
            try await store.commit(
                CompletePoll(
                    target: "web1",
                    startedAt: at(199),
                    finishedAt: at(200),
                    baseline: false,
                    counts: PollCounts(),
                    added: [domain(2, version: 5)]
                )
            )

            func names(_ time: Date?) async throws -> [String] {
                try await store.inventory(target: "web1", kind: .domain, at: time).map(\.entry.object.name)
            }
            #expect(try await names(at(-1)).isEmpty)
            #expect(try await names(at(0)) == ["d1.example", "d2.example"])
            #expect(try await names(at(99)) == ["d1.example", "d2.example"])
            #expect(try await names(at(100)) == ["d1.example"])
            #expect(try await names(at(150)) == ["d1.example"])
            #expect(try await names(at(200)) == ["d1.example", "d2.example"])
            #expect(try await names(nil) == ["d1.example", "d2.example"])

            // The modified object shows its old fields before the change and the new ones after.
            let before = try #require(try await store.inventory(target: "web1", kind: .domain, at: at(50)).first?.entry)
            #expect(before.object.fieldsHash == 1)
            #expect(before.versionSince == at(0))
            let after = try #require(try await store.inventory(target: "web1", kind: .domain, at: at(100)).first?.entry)
            #expect(after.object == domain(1, version: 2))
            #expect(after.firstSeen == at(0))
            #expect(after.versionSince == at(100))

            let returned = try #require(try await store.inventory(target: "web1", kind: .domain, at: nil).last?.entry)
            #expect(returned.object.fieldsHash == 5)
            #expect(returned.firstSeen == at(200))

            // Without filters: every target and kind, ordered by target then name.
            try await store.commit(baselinePoll(target: "alpha", objects: [client(9)], at: at(10)))
            let all = try await store.inventory(target: nil, kind: nil, at: at(150))
            #expect(all.map(\.target) == ["alpha", "web1", "web1"])
            #expect(all.map(\.entry.object.name) == ["client9", "client1", "d1.example"])
            #expect(try await store.inventory(target: "unknown", kind: nil, at: nil).isEmpty)
        }
    }

    @Test func replacesHeldRemovalsOnEachCommit() async throws {
        try await withStore { store, _ in
            try await store.commit(baselinePoll(target: "t", objects: [domain(1), domain(2), client(1)], at: at(0)))
            var poll = CompletePoll(
                target: "t",
                startedAt: at(60),
                finishedAt: at(60),
                baseline: false,
                counts: PollCounts(),
                held: [
                    HeldRemoval(kind: .domain, key: "guid-d1", missedPolls: 1),
                    HeldRemoval(kind: .client, key: "guid-c1", missedPolls: 1),
                ]
            )
            let first = try await store.commit(poll)
            #expect(first.poll.heldDomains == 1)
            #expect(first.poll.heldClients == 1)
            #expect(try await store.heldRemovals(target: "t").count == 2)

            poll.finishedAt = at(120)
            poll.held = [HeldRemoval(kind: .domain, key: "guid-d1", missedPolls: 2)]
            try await store.commit(poll)
            #expect(try await store.heldRemovals(target: "t") == [HeldRemoval(kind: .domain, key: "guid-d1", missedPolls: 2)])

            poll.finishedAt = at(180)
            poll.held = []
            try await store.commit(poll)
            #expect(try await store.heldRemovals(target: "t").isEmpty)
            // Held objects stay current until a removal is committed.
            #expect(try await store.currentObjects(target: "t", kind: .domain).count == 2)
        }
    }

    @Test func aFailedPollWritesOnlyItsPollRow() async throws {
        try await withStore { store, _ in
            let baseline = try await store.commit(
                baselinePoll(target: "t", objects: [domain(1), client(1)], at: at(0))
            )
            try await store.commit(
                CompletePoll(
                    target: "t",
                    startedAt: at(60),
                    finishedAt: at(60),
                    baseline: false,
                    counts: PollCounts(),
                    held: [HeldRemoval(kind: .domain, key: "guid-d1", missedPolls: 1)]
                )
            )
            let lastSuccess = try await store.targets().first?.lastSuccess
            let objectsBefore = try await store.inventory(target: nil, kind: nil, at: nil)
            let eventsBefore = try await store.events(EventQuery())
            let talliesBefore = try await store.eventTallies()

            let failure = try await store.recordFailure(
                target: "t",
                startedAt: at(120),
                finishedAt: at(125),
                reason: "timeout",
                message: String(repeating: "x", count: 5000)
            )
            #expect(failure.result == .failure)
            #expect(failure.errorReason == "timeout")
            #expect(failure.errorMessage?.count == 512)
            #expect(failure.counts == nil)

            #expect(try await store.inventory(target: nil, kind: nil, at: nil).map(\.entry) == objectsBefore.map(\.entry))
            #expect(try await store.events(EventQuery()) == eventsBefore)
            #expect(try await store.eventTallies() == talliesBefore)
            #expect(try await store.heldRemovals(target: "t").count == 1)
            let target = try #require(try await store.targets().first)
            #expect(target.lastPoll == failure)
            #expect(target.lastSuccess == lastSuccess)
            #expect(target.baselineAt == baseline.poll.finishedAt)
            let log = try await store.polls(target: "t", since: nil, until: nil, limit: 10)
            #expect(log.map(\.result) == [.failure, .success, .success])
            #expect(log.first == failure)
        }
    }

    @Test func aFailedCommitChangesNothing() async throws {
        try await withStore { store, path in
            try await store.commit(baselinePoll(target: "t", objects: [domain(1), domain(2)], at: at(0)))
            // Make the third event insert fail half-way through the commit.
            let db = try SQLiteConnection(path: path)
            try db.execute(
                """
                CREATE TRIGGER fail_on_boom BEFORE INSERT ON events WHEN NEW.name = 'boom'
                BEGIN SELECT RAISE(ABORT, 'boom'); END
                """
            )
            let before = try await snapshot(store)
            let boom = StoredObject(kind: .domain, key: "guid-boom", name: "boom", fieldsJSON: "{}", fieldsHash: 0)
            await #expect(throws: SQLiteError.self) {
                try await store.commit(
                    CompletePoll(
                        target: "t",
                        startedAt: at(60),
                        finishedAt: at(60),
                        baseline: false,
                        counts: PollCounts(),
                        added: [domain(3), boom],
                        modified: [domain(1, version: 2)],
                        removed: [(.domain, "guid-d2")],
                        events: [addedEvent(domain(3)), removedEvent(domain(2)), addedEvent(boom)],
                        held: [HeldRemoval(kind: .client, key: "x", missedPolls: 1)]
                    )
                )
            }
            #expect(try await snapshot(store) == before)
            // The store is still usable afterwards.
            try await store.commit(
                CompletePoll(target: "t", startedAt: at(120), finishedAt: at(120), baseline: false, counts: PollCounts())
            )
            #expect(try await store.polls(target: "t", since: nil, until: nil, limit: 10).count == 2)
        }
    }

    @Test func toleratesAnInconsistentDiff() async throws {
        try await withStore { store, _ in
            try await store.commit(baselinePoll(target: "t", objects: [domain(1)], at: at(0)))
            try await store.commit(
                CompletePoll(
                    target: "t",
                    startedAt: at(60),
                    finishedAt: at(60),
                    baseline: false,
                    counts: PollCounts(),
                    added: [domain(1, version: 2)],
                    modified: [domain(7)],
                    removed: [(.client, "never-seen")]
                )
            )
            let current = try await store.inventory(target: "t", kind: .domain, at: nil).map(\.entry)
            #expect(current.map(\.object.key) == ["guid-d1", "guid-d7"])
            #expect(current[0].object.fieldsHash == 2)
            #expect(current[0].firstSeen == at(0))
            #expect(current[1].firstSeen == at(60))
        }
    }

    private struct Snapshot: Equatable {
        var polls: [PollRecord]
        var objects: [InventoryEntry]
        var events: [EventRecord]
        var tallies: [EventTally]
        var held: [HeldRemoval]
        var targets: [TargetRecord]
    }

    private func snapshot(_ store: SQLiteInventoryStore) async throws -> Snapshot {
        Snapshot(
            polls: try await store.polls(target: nil, since: nil, until: nil, limit: 1000),
            objects: try await store.inventory(target: nil, kind: nil, at: nil).map(\.entry),
            events: try await store.events(EventQuery(limit: 1000)),
            tallies: try await store.eventTallies(),
            held: try await store.heldRemovals(target: "t"),
            targets: try await store.targets()
        )
    }
}
