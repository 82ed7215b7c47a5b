import Foundation
import InventoryModel
import Testing

@Suite struct GrowthTests {
    /// SPEC §14: an unchanged poll adds under 1 KiB to the database, whatever the inventory size.
    @Test func anUnchangedPollOfTenThousandObjectsAddsUnderOneKiB() async throws {
        try await withStore { store, _ in
            let objects = (0..<8_000).map { domain($0) } + (0..<2_000).map { client($0) }
            let counts = PollCounts(
                domains: 8_000,
                clients: 2_000,
                aliases: 150,
                domainsByHostingType: ["virtual": 7_500, "none": 400, "standard_forwarding": 100],
                clientsByTypeAndStatus: ["admin/active": 1, "reseller/active": 20, "customer/active": 1_900, "customer/disabled": 79]
            )
            var baseline = baselinePoll(target: "web1", objects: objects, at: at(0))
            baseline.counts = counts
            try await store.commit(baseline)
            try await store.checkpoint()
            let before = try await store.fileSizeBytes()

            let polls = 50
            for n in 1...polls {
                try await store.commit(
                    CompletePoll(
                        target: "web1",
                        startedAt: at(n * 60 - 3),
                        finishedAt: at(n * 60),
                        baseline: false,
                        counts: counts
                    )
                )
            }
            try await store.checkpoint()
            let after = try await store.fileSizeBytes()
            let perPoll = Double(after - before) / Double(polls)
            print("storage growth: \(before) -> \(after) bytes, \(perPoll) bytes per unchanged poll of 10,000 objects")
            #expect(perPoll < 1024)
            #expect(try await store.polls(target: "web1", since: nil, until: nil, limit: 100).count == polls + 1)
        }
    }
}
