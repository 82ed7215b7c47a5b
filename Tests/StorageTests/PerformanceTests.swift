import Foundation
import InventoryModel
import Testing
import TestSupport

/// Figures for SPEC §14, at full size. Opt-in (`STORAGE_PERF=1 swift test --filter PerformanceTests`): it writes
/// about 1 GB and takes minutes, too much for every run; the plan tests in EventTests guard the design by default.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STORAGE_PERF"] == "1"), .serialized)
struct PerformanceTests {
    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    @Test func commitAndDiffInputsAtOneHundredThousandDomains() async throws {
        try await withStore { store, _ in
            let clock = ContinuousClock()
            let objects = (0..<100_000).map { domain($0) } + (0..<20_000).map { client($0) }
            let baseline = try await clock.measure {
                try await store.commit(baselinePoll(target: "big", objects: objects, at: at(0)))
            }
            let current = try await clock.measure {
                _ = try await store.currentObjects(target: "big", kind: .domain)
            }
            let unchanged = try await clock.measure {
                try await store.commit(
                    CompletePoll(target: "big", startedAt: at(60), finishedAt: at(60), baseline: false, counts: PollCounts())
                )
            }
            let changes = (0..<1_000).map { domain($0, version: 2) }
            let changed = try await clock.measure {
                try await store.commit(
                    CompletePoll(
                        target: "big",
                        startedAt: at(120),
                        finishedAt: at(120),
                        baseline: false,
                        counts: PollCounts(),
                        modified: changes,
                        events: changes.map { modifiedEvent(from: domain(0), to: $0) }
                    )
                )
            }
            let inventoryNow = try await clock.measure {
                _ = try await store.inventory(target: "big", kind: .domain, at: nil)
            }
            let inventoryPast = try await clock.measure {
                _ = try await store.inventory(target: "big", kind: .domain, at: at(90))
            }
            print(
                """
                storage perf (100k domains + 20k clients): baseline commit \(baseline), currentObjects(domain) \(current), \
                unchanged commit \(unchanged), 1k-modification commit \(changed), inventory now \(inventoryNow), \
                inventory at T \(inventoryPast)
                """
            )
        }
    }

    @Test func eventPagesOverOneMillionEvents() async throws {
        try await withStore { store, path in
            let clock = ContinuousClock()
            let targets = (0..<20).map { "target-\($0)" }
            var generator = SeededRandom(seed: 7)
            let fill = try await clock.measure {
                // Each target: a 10,000-object baseline, then polls of 200 mixed changes: 1,000,000 events.
                for (index, target) in targets.enumerated() {
                    let objects = (0..<10_000).map { domain(index * 100_000 + $0) }
                    try await store.commit(baselinePoll(target: target, objects: objects, at: at(index)))
                }
                var time = 1_000
                for poll in 0..<(800_000 / 200) {
                    let target = targets[poll % targets.count]
                    time += Int.random(in: 1...30, using: &generator)
                    let events = (0..<200).map { n -> NewEvent in
                        let object = n % 3 == 0 ? client(poll * 1_000 + n) : domain(poll * 1_000 + n)
                        switch n % 10 {
                        case 0...5: return addedEvent(object, acknowledgedBy: n % 7 == 0 ? "auto" : nil)
                        case 6...7: return modifiedEvent(from: object, to: object)
                        default: return removedEvent(object)
                        }
                    }
                    try await store.commit(
                        CompletePoll(
                            target: target,
                            startedAt: at(time),
                            finishedAt: at(time),
                            baseline: false,
                            counts: PollCounts(),
                            events: events
                        )
                    )
                }
            }
            try await store.checkpoint()
            let size = try await store.fileSizeBytes()
            let total = try await store.eventTallies().reduce(0) { $0 + $1.total }
            print("storage perf: filled 1,000,000 events in \(fill); database \(size / 1_048_576) MiB; \(total) non-baseline")

            let lastTime = try await store.polls(target: nil, since: nil, until: nil, limit: 1).first!.finishedAt
            let shapes: [(String, (inout SeededRandom) -> EventQuery)] = [
                ("no filter, random cursor", { g in EventQuery(after: Int64.random(in: 0...1_000_000, using: &g)) }),
                ("target", { g in EventQuery(target: targets.randomElement(using: &g)!, after: Int64.random(in: 0...1_000_000, using: &g)) }),
                (
                    "target+kind+change",
                    { g in
                        EventQuery(
                            target: targets.randomElement(using: &g)!,
                            kind: .domain,
                            change: .removed,
                            after: Int64.random(in: 0...1_000_000, using: &g)
                        )
                    }
                ),
                ("change=removed", { g in EventQuery(change: .removed, after: Int64.random(in: 0...1_000_000, using: &g)) }),
                (
                    "unacknowledged, no baseline",
                    { g in EventQuery(acknowledged: false, includeBaseline: false, after: Int64.random(in: 0...1_000_000, using: &g)) }
                ),
                ("since 1 day", { _ in EventQuery(since: lastTime.addingTimeInterval(-86_400)) }),
                (
                    "since/until window",
                    { g in
                        let start = at(Int.random(in: 1_000...(Int(lastTime.timeIntervalSince(t0)) - 3_600), using: &g))
                        return EventQuery(since: start, until: start.addingTimeInterval(3_600))
                    }
                ),
                (
                    "key",
                    { g in
                        EventQuery(key: "guid-d\(Int.random(in: 0..<20, using: &g) * 100_000 + Int.random(in: 0..<10_000, using: &g))")
                    }
                ),
            ]
            for (name, make) in shapes {
                var samples: [Double] = []
                var rows = 0
                for _ in 0..<200 {
                    let query = make(&generator)
                    let start = clock.now
                    rows += try await store.events(query).count
                    samples.append(Self.milliseconds(clock.now - start))
                }
                let p50 = Self.percentile(samples, 0.5)
                let p99 = Self.percentile(samples, 0.99)
                print("storage perf: events page (\(name)): p50 \(p50) ms, p99 \(p99) ms, avg rows \(rows / 200)")
                #expect(p99 < 20, "\(name)")
            }
            var tallies: [Double] = []
            for _ in 0..<200 {
                let start = clock.now
                _ = try await store.eventTallies()
                tallies.append(Self.milliseconds(clock.now - start))
            }
            print("storage perf: eventTallies p50 \(Self.percentile(tallies, 0.5)) ms, p99 \(Self.percentile(tallies, 0.99)) ms")
            let ack = try await clock.measure {
                _ = try await store.acknowledge(target: targets[0], until: lastTime, by: "perf", comment: nil, at: lastTime)
            }
            print("storage perf: acknowledge(target:until:) of one target's events: \(ack); file \(path)")
        }
    }
}
