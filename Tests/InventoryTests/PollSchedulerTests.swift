import Foundation
import Logging
import PleskAPI
import ServiceLifecycle
import ServiceLifecycleTestKit
import InventoryModel
import Storage
import Synchronization
import TestSupport
import Testing

@testable import Inventory

/// The scheduler's promises (SPEC §6), with fake pollers and a sleeper that records instead of waiting.
@Suite("Poll scheduler")
struct PollSchedulerTests {
    /// Records every wait the scheduler asks for and returns at once.
    final class RecordingSleeper: PollSleeper {
        let waits = Mutex<[Duration]>([])

        func sleep(for duration: Duration) async throws {
            waits.withLock { $0.append(duration) }
            try Task.checkCancellation()
            await Task.yield()
        }
    }

    /// A target whose polls take a few scheduling turns (or hang), counting how many run at once.
    final class FakePoller: SchedulablePoller {
        struct Tally { var started = 0, finished = 0, inFlight = 0, maxInFlight = 0 }
        let target: String
        let pollSettings: PollSettings
        let hangs: Bool
        let tally = Mutex(Tally())

        init(_ target: String, interval: Duration, hangs: Bool = false) {
            self.target = target
            self.pollSettings = PollSettings(interval: interval, jitterFraction: 0.1)
            self.hangs = hangs
        }

        func pollOnSchedule() async throws {
            tally.withLock {
                $0.started += 1
                $0.inFlight += 1
                $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
            }
            defer { tally.withLock { $0.inFlight -= 1 } }
            if hangs { try await Task.sleep(for: .seconds(86_400)) }
            for _ in 0..<5 { await Task.yield() }
            tally.withLock { $0.finished += 1 }
        }

        var finished: Int { tally.withLock { $0.finished } }
    }

    private static let logger = Logger(label: "scheduler-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `scheduler` until `condition` holds (or 30 s pass), then shuts it down gracefully and waits for it.
    private func run(_ scheduler: PollScheduler, until condition: @escaping @Sendable () -> Bool) async throws -> Bool {
        try await testGracefulShutdown { trigger in
            let running = Task { try await scheduler.run() }
            let met = await eventually(within: .seconds(120)) { condition() }
            trigger.triggerGracefulShutdown()
            try await running.value
            return met
        }
    }

    @Test("polls of one target never overlap, and every wait is the interval ±10 %")
    func noOverlapAndJitter() async throws {
        let pollers = [
            FakePoller("a", interval: .seconds(10)), FakePoller("b", interval: .seconds(60)),
            FakePoller("c", interval: .seconds(300)),
        ]
        let sleeper = RecordingSleeper()
        let scheduler = PollScheduler(pollers: pollers, sleeper: sleeper, logger: Self.logger, releaseMemory: {})
        let met = try await run(scheduler) { pollers.allSatisfy { $0.finished >= 200 } }
        #expect(met)
        for poller in pollers {
            #expect(poller.tally.withLock { $0.maxInFlight } == 1, "\(poller.target)")
        }
        let waits = sleeper.waits.withLock { $0 }.map { $0 / .seconds(1) }
        #expect(waits.count >= 600)
        // Each wait belongs to one of the three intervals, within ±10 % of it…
        let intervals: [Double] = [10, 60, 300]
        for wait in waits {
            #expect(intervals.contains { wait >= $0 * 0.9 - 1e-9 && wait <= $0 * 1.1 + 1e-9 }, "\(wait)")
        }
        // …and the jitter really spreads them (over 200 draws, both halves of the band are used).
        let tens = waits.filter { $0 < 20 }
        #expect(tens.contains { $0 < 9.5 } && tens.contains { $0 > 10.5 })
    }

    @Test("freed heap is also returned on a timer, while a poll is still running")
    func releasesOnTimer() async throws {
        // A poll that never ends releases nothing itself: every call here is the timer's.
        let hanging = FakePoller("hangs", interval: .seconds(60), hangs: true)
        let releases = Mutex(0)
        let scheduler = PollScheduler(
            pollers: [hanging], sleeper: RecordingSleeper(), logger: Self.logger,
            releaseMemory: { releases.withLock { $0 += 1 } }, trimInterval: .milliseconds(20))
        let met = try await run(scheduler) { releases.withLock { $0 } >= 3 }
        #expect(met)
        #expect(hanging.finished == 0)
    }

    @Test("a hanging target never delays another, and is abandoned on shutdown")
    func hangingTargetDoesNotBlockOthers() async throws {
        let hanging = FakePoller("hangs", interval: .seconds(60), hangs: true)
        let healthy = FakePoller("healthy", interval: .seconds(60))
        let scheduler = PollScheduler(pollers: [hanging, healthy], sleeper: RecordingSleeper(), logger: Self.logger, releaseMemory: {})
        let met = try await run(scheduler) { healthy.finished >= 100 }
        #expect(met)
        #expect(hanging.tally.withLock { $0.started } == 1)
        #expect(hanging.finished == 0)
        #expect(hanging.tally.withLock { $0.inFlight } == 0)
    }

    @Test("a shutdown during a poll writes nothing: no poll row, no event, no baseline")
    func shutdownDuringPollWritesNothing() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteInventoryStore(path: directory.file("test.db"), logger: Self.logger)
        let source = FakePleskSource(targetName: "web01")
        source.update {
            $0.domains = [PleskDomain.make(1, "a.example")]
            $0.clients = [PleskClient.make(1, "alice")]
            $0.hangDomains = true
        }
        let poller = TargetPoller(
            target: "web01", url: "https://web01.example:8443", source: source, store: store,
            settings: PollSettings(collectOwners: false), logger: Self.logger)
        let scheduler = PollScheduler(pollers: [poller], sleeper: RecordingSleeper(), logger: Self.logger, releaseMemory: {})
        let met = try await run(scheduler) { source.calls(.domains) >= 1 }
        #expect(met)
        #expect(try await store.polls(target: "web01", since: nil, until: nil, limit: 10).isEmpty)
        #expect(try await store.events(EventQuery()).isEmpty)
        #expect(try await store.targets().first?.baselineAt == nil)
    }
}
