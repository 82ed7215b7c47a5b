import Foundation
import InventoryModel
import Testing

@Suite struct PollLogTests {
    private func unchangedPoll(_ target: String, at time: Date, domains: Int = 2) -> CompletePoll {
        CompletePoll(
            target: target,
            startedAt: time.addingTimeInterval(-2),
            finishedAt: time,
            baseline: false,
            counts: PollCounts(
                domains: domains,
                clients: 1,
                aliases: 3,
                domainsByHostingType: ["virtual": domains],
                clientsByTypeAndStatus: ["customer/active": 1]
            )
        )
    }

    @Test func listsPollsNewestFirstAndCountsOldestFirst() async throws {
        try await withStore { store, _ in
            try await store.commit(baselinePoll(target: "a", objects: [domain(1), domain(2), client(1)], at: at(0)))
            try await store.commit(unchangedPoll("a", at: at(60)))
            try await store.recordFailure(target: "a", startedAt: at(120), finishedAt: at(121), reason: "tls", message: "bad cert")
            try await store.commit(unchangedPoll("b", at: at(130), domains: 7))
            try await store.commit(unchangedPoll("a", at: at(180), domains: 3))

            let log = try await store.polls(target: nil, since: nil, until: nil, limit: 100)
            #expect(log.map(\.finishedAt) == [at(180), at(130), at(121), at(60), at(0)])
            #expect(log.map(\.target) == ["a", "b", "a", "a", "a"])
            #expect(try await store.polls(target: nil, since: nil, until: nil, limit: 2).map(\.finishedAt) == [at(180), at(130)])
            #expect(try await store.polls(target: "a", since: at(60), until: at(121), limit: 10).map(\.finishedAt) == [at(121), at(60)])
            #expect(try await store.polls(target: "zzz", since: nil, until: nil, limit: 10).isEmpty)
            #expect(try await store.polls(target: nil, since: nil, until: nil, limit: 0).isEmpty)

            let failure = try #require(log.first { $0.result == .failure })
            #expect(failure.errorReason == "tls")
            #expect(failure.errorMessage == "bad cert")
            #expect(failure.startedAt == at(120))

            let history = try await store.countHistory(target: "a", since: nil, until: nil)
            #expect(history.map(\.finishedAt) == [at(0), at(60), at(180)])
            #expect(history.map { $0.counts?.domains } == [2, 2, 3])
            #expect(
                history[1].counts
                    == PollCounts(
                        domains: 2,
                        clients: 1,
                        aliases: 3,
                        domainsByHostingType: ["virtual": 2],
                        clientsByTypeAndStatus: ["customer/active": 1]
                    )
            )
            #expect(history[0].baseline)
            #expect(try await store.countHistory(target: nil, since: at(100), until: at(200)).map(\.target) == ["b", "a"])
        }
    }

    @Test func prunesOldPollsButKeepsTheOnesThatMatter() async throws {
        try await withStore { store, _ in
            // Baseline (has events) at 0, unchanged polls at 60...300, a change at 360, then only failures.
            let baseline = try await store.commit(baselinePoll(target: "a", objects: [domain(1)], at: at(0)))
            for minute in 1...5 { try await store.commit(unchangedPoll("a", at: at(minute * 60))) }
            let change = try await store.commit(
                CompletePoll(
                    target: "a",
                    startedAt: at(360),
                    finishedAt: at(360),
                    baseline: false,
                    counts: PollCounts(),
                    added: [domain(2)],
                    events: [addedEvent(domain(2))]
                )
            )
            let lastSuccess = try await store.commit(unchangedPoll("a", at: at(420)))
            try await store.recordFailure(target: "a", startedAt: at(480), finishedAt: at(480), reason: "timeout", message: "")
            let lastFailure = try await store.recordFailure(
                target: "a",
                startedAt: at(540),
                finishedAt: at(540),
                reason: "timeout",
                message: ""
            )
            let onlyPollOfB = try await store.commit(unchangedPoll("b", at: at(30)))

            let deleted = try await store.prunePolls(before: at(10_000))
            // Gone: a's 5 unchanged polls and the first failure. Kept: polls with events, a's last poll and last
            // success, and b's only poll (its last poll and last success).
            #expect(deleted == 6)
            let kept = try await store.polls(target: nil, since: nil, until: nil, limit: 100).map(\.id)
            #expect(
                Set(kept) == [baseline.poll.id, change.poll.id, lastSuccess.poll.id, lastFailure.id, onlyPollOfB.poll.id]
            )
            #expect(kept.count == 5)
            #expect(try await store.prunePolls(before: at(10_000)) == 0)

            let target = try #require(try await store.targets().first { $0.name == "a" })
            #expect(target.lastPoll == lastFailure)
            #expect(target.lastSuccess?.id == lastSuccess.poll.id)
            // Events still find their polls.
            for event in try await store.events(EventQuery()) {
                #expect(kept.contains(event.pollID))
            }
        }
    }

    @Test func pruningRespectsTheCutoff() async throws {
        try await withStore { store, _ in
            for minute in 0..<10 { try await store.commit(unchangedPoll("a", at: at(minute * 60))) }
            #expect(try await store.prunePolls(before: at(300)) == 5)
            #expect(try await store.polls(target: "a", since: nil, until: nil, limit: 100).map(\.finishedAt).min() == at(300))
        }
    }
}
