import Foundation
import Inventory
import InventoryModel
import PleskAPI
import PleskSimulator
import Storage
import Synchronization

/// An events page while many targets poll and commit: the history read through the writer's own connection (one
/// connection, one queue: a page waits behind every commit queued before it) against the separate read-only
/// connection `serve` gives its readers (`SQLiteInventoryStore.reader()`). Store level, in process: the HTTP layer
/// in front is the same in both cases and measured by the events benchmark.
enum ReaderContentionBenchmark {
    static func run(targets: Int = 50, domains: Int = 2_000, events: Int = 200_000, pages: Int = 300) async throws {
        print(
            "\nevents page while \(targets) targets poll — \(domains) domains each, churn every 100 ms, \(events) "
                + "stored events, \(pages) pages of 100 (random cursor)")
        print("readers                                   p50_ms  p99_ms   max_ms  polls_committed_per_s")
        for separate in [false, true] {
            let directory = NSTemporaryDirectory() + "plesk-contention-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let database = directory + "/db.sqlite"
            try await EventsBenchmark.fill(database, events: events)
            let writer = try SQLiteInventoryStore(path: database, logger: Benchmark.quiet)
            let reader: any HistoryReader = separate ? try writer.reader() : writer
            let inventory = PleskInventory.generate(domains: domains, clients: domains / 5, seed: 3)
            try await SimulatedPlesk.withRunning(configuration: .init(logger: Benchmark.quiet), inventory: inventory) {
                plesk in
                let client = try PleskAPIClient(
                    target: PleskTarget(
                        name: "contention", url: URL(string: plesk.url)!,
                        credentials: .apiKey(SimulatedPlesk.Configuration.defaultAPIKey),
                        tls: PleskTLSOptions(fingerprintSHA256: plesk.certificateFingerprint), timeout: .seconds(120)),
                    logger: Benchmark.quiet)
                let pollers = (1...targets).map { index in
                    TargetPoller(
                        target: "poll\(String(format: "%02d", index))", url: plesk.url, source: client, store: writer,
                        settings: PollSettings(collectOwners: false), logger: Benchmark.quiet)
                }
                // Every target's baseline first, so the measured window holds ordinary polls with changes.
                for poller in pollers { try await poller.poll() }
                let state = RunState()
                let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                    group.addTask {
                        var step = 0
                        while !state.stop.load(ordering: .relaxed) {
                            step += 1
                            let domain = plesk.inventory.domains[step % plesk.inventory.domains.count]
                            try? plesk.renameDomain(id: domain.id, to: "churn-\(step).example")
                            try await Task.sleep(for: .milliseconds(100))
                        }
                        return []
                    }
                    for poller in pollers {
                        group.addTask {
                            while !state.stop.load(ordering: .relaxed) {
                                if (try? await poller.poll())?.succeeded == true {
                                    state.committed.add(1, ordering: .relaxed)
                                }
                            }
                            return []
                        }
                    }
                    group.addTask {
                        defer { state.stop.store(true, ordering: .relaxed) }
                        try await Task.sleep(for: .seconds(1))
                        state.committed.store(0, ordering: .relaxed)
                        let window = ContinuousClock.now
                        defer {
                            let elapsed = Int(ScrapeBenchmark.milliseconds(ContinuousClock.now - window))
                            state.windowMilliseconds.store(elapsed, ordering: .relaxed)
                        }
                        var latencies: [Double] = []
                        for _ in 0..<pages {
                            let start = ContinuousClock.now
                            _ = try await reader.events(
                                EventQuery(includeBaseline: false, after: Int64.random(in: 0..<Int64(events)), limit: 100))
                            latencies.append(ScrapeBenchmark.milliseconds(ContinuousClock.now - start))
                            try await Task.sleep(for: .milliseconds(10))
                        }
                        return latencies
                    }
                    var all: [Double] = []
                    for try await part in group { all += part }
                    return all.sorted()
                }
                await client.shutdown()
                print(
                    String(
                        format: "%@  %6.2f  %6.2f  %7.2f  %.0f",
                        (separate ? "own read-only connection (reader())" : "the writer's connection (before)")
                            .padding(toLength: 40, withPad: " ", startingAt: 0),
                        latencies[latencies.count / 2], latencies[latencies.count * 99 / 100], latencies.last ?? 0,
                        Double(state.committed.load(ordering: .relaxed)) * 1000
                            / Double(max(1, state.windowMilliseconds.load(ordering: .relaxed)))))
            }
        }
    }
}

/// Shared by the benchmark's tasks: when to stop, and how many polls committed meanwhile.
private final class RunState: Sendable {
    let stop = Atomic<Bool>(false)
    let committed = Atomic<Int>(0)
    /// How long the pages were being read.
    let windowMilliseconds = Atomic<Int>(0)
}
