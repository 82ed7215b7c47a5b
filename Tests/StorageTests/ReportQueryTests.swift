import Foundation
import InventoryModel
import Testing

/// The store queries the report reads: the first poll, the last success before a time, held removals at a time.
@Suite struct ReportQueryTests {
    private func poll(_ target: String, at time: Date, held: [HeldRemoval] = [], removed: [StoredObject] = [])
        -> CompletePoll
    {
        CompletePoll(
            target: target, startedAt: time.addingTimeInterval(-1), finishedAt: time, baseline: false,
            counts: PollCounts(domains: 2), removed: removed.map { (kind: $0.kind, key: $0.key) },
            events: removed.map(removedEvent), held: held)
    }

    @Test func firstPollAndLastSuccess() async throws {
        try await withStore { store, _ in
            #expect(try await store.firstPoll(target: nil) == nil)
            try await store.recordFailure(target: "a", startedAt: at(0), finishedAt: at(1), reason: "tls", message: "x")
            try await store.commit(baselinePoll(target: "a", objects: [domain(1)], at: at(60)))
            try await store.commit(baselinePoll(target: "b", objects: [domain(1)], at: at(90)))
            try await store.recordFailure(
                target: "a", startedAt: at(119), finishedAt: at(120), reason: "http", message: "y")
            try await store.commit(poll("a", at: at(180)))

            #expect(try await store.firstPoll(target: nil)?.finishedAt == at(1))
            #expect(try await store.firstPoll(target: "a")?.result == .failure)
            #expect(try await store.firstPoll(target: "b")?.finishedAt == at(90))
            #expect(try await store.firstPoll(target: "zzz") == nil)

            #expect(try await store.lastSuccessfulPoll(target: "a", atOrBefore: at(59)) == nil)
            #expect(try await store.lastSuccessfulPoll(target: "a", atOrBefore: at(60))?.finishedAt == at(60))
            // The failure at 120 is skipped.
            #expect(try await store.lastSuccessfulPoll(target: "a", atOrBefore: at(150))?.finishedAt == at(60))
            #expect(try await store.lastSuccessfulPoll(target: "a", atOrBefore: at(999))?.finishedAt == at(180))
            #expect(try await store.lastSuccessfulPoll(target: "b", atOrBefore: at(999))?.target == "b")
            #expect(try await store.lastSuccessfulPoll(target: "zzz", atOrBefore: at(999)) == nil)
        }
    }

    @Test func heldRemovalsAtATime() async throws {
        try await withStore { store, _ in
            let objects = [domain(1), domain(2), domain(3), client(1)]
            try await store.commit(baselinePoll(target: "a", objects: objects, at: at(0)))
            let held = [
                HeldRemoval(kind: .domain, key: domain(2).key, missedPolls: 1),
                HeldRemoval(kind: .domain, key: domain(1).key, missedPolls: 1),
            ]
            try await store.commit(poll("a", at: at(60), held: held))

            let none = try await store.heldRemovals(target: "a", at: at(30))
            #expect(none.poll?.finishedAt == at(0))
            #expect(none.domains == 0 && none.objects == [])
            #expect(try await store.heldRemovals(target: "zzz", at: at(30)).poll == nil)

            // The latest poll: the objects are known, named by their open versions, ordered by name.
            let current = try await store.heldRemovals(target: "a", at: at(90))
            #expect(current.poll?.finishedAt == at(60))
            #expect(current.domains == 2 && current.clients == 0)
            #expect(current.objects?.map(\.name) == ["d1.example", "d2.example"])
            #expect(current.objects?.first?.missedPolls == 1)

            // A failure does not replace the held set; a later complete poll does.
            try await store.recordFailure(
                target: "a", startedAt: at(119), finishedAt: at(120), reason: "tls", message: "x")
            #expect(try await store.heldRemovals(target: "a", at: at(90)).objects?.count == 2)
            try await store.commit(poll("a", at: at(180), removed: [domain(1), domain(2)]))
            let past = try await store.heldRemovals(target: "a", at: at(90))
            #expect(past.domains == 2)
            #expect(past.objects == nil)
            let after = try await store.heldRemovals(target: "a", at: at(200))
            #expect(after.domains == 0 && after.objects == [])
        }
    }
}
