import Foundation
import Inventory
import InventoryModel
import PleskAPI
import PleskSimulator
import Storage

/// SPEC §14: with 20,000 subscriptions beside 100,000 domains (and 20,000 clients), what subscriptions and plans add
/// to an unchanged poll's time and to `serve`'s peak memory (target: under 30 % each). The same simulated server is
/// polled without and with the XML API kinds, in process (time) and by the real `serve` (memory).
///
/// The simulator runs in a child process (``SimulatorProcess``), so this process's CPU time during a poll is the
/// exporter's alone; the poll's wall time is printed too, but on a machine of two cores it also holds the
/// simulator's share of them (writing and encrypting 18 MB of XML), which a real Plesk spends on its own machine.
enum SubscriptionsBenchmark {
    /// A real server answers every poll alike (the simulator's default alternates layouts to test parsers, which
    /// would make every subscription look changed): compact unless the client asks for HTTP_PRETTY_PRINT (ours
    /// does not; Plesk's PHP client always does, which is why the documented samples are pretty).
    static var configuration: SimulatedPlesk.Configuration {
        var configuration = SimulatedPlesk.Configuration(logger: Benchmark.quiet)
        configuration.xmlOutput = .init(declaration: .withEncoding, layout: .prettyPrintHeader)
        return configuration
    }

    static func run(domains: Int = 100_000, clients: Int = 20_000, subscriptions: Int = 20_000) async throws {
        print(
            "\nsubscriptions: \(subscriptions) beside \(domains) domains and \(clients) clients (simulator over HTTPS,"
                + " in a child process)")
        let plesk = try SimulatorProcess(domains: domains, clients: clients, subscriptions: subscriptions)
        defer { plesk.stop() }
        /// One configuration's poller, store and figures.
        struct Side {
            let withSubscriptions: Bool
            let directory: String
            let client: PleskAPIClient
            let store: SQLiteInventoryStore
            let poller: TargetPoller
            var baseline = 0.0
            var unchanged: [(seconds: Double, cpu: Double, phases: PollPhases)] = []
        }
        var sides: [Side] = []
        for withSubscriptions in [false, true] {
            let directory = NSTemporaryDirectory() + "plesk-bench-subs-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let target = PleskTarget(
                name: "bench", url: URL(string: plesk.url)!,
                credentials: .apiKey(SimulatedPlesk.Configuration.defaultAPIKey),
                tls: PleskTLSOptions(fingerprintSHA256: plesk.fingerprint), timeout: .seconds(120))
            let client = try PleskAPIClient(target: target, logger: Benchmark.quiet)
            let store = try SQLiteInventoryStore(path: directory + "/bench.db", logger: Benchmark.quiet)
            let poller = TargetPoller(
                target: "bench", url: plesk.url, source: client, store: store,
                settings: PollSettings(
                    collectOwners: false, collectSubscriptions: withSubscriptions,
                    collectServicePlans: withSubscriptions),
                logger: Benchmark.quiet)
            var side = Side(
                withSubscriptions: withSubscriptions, directory: directory, client: client, store: store,
                poller: poller)
            var report: PollReport?
            side.baseline = try await Benchmark.time { report = try await poller.poll() }
            if let failed = report?.failedKinds, !failed.isEmpty { print("  failed kinds: \(failed)") }
            if withSubscriptions {
                // A kind that silently went uncollected would make the figure look good: say what was read.
                let counts = report?.poll.counts
                print(
                    "  collected: \(counts?.subscriptions ?? 0) subscriptions, \(counts?.plans ?? 0) plans,"
                        + " \(counts?.domains ?? 0) domains")
            }
            sides.append(side)
        }
        // The two configurations take turns, poll by poll: the machine's speed drifts by tens of percent over
        // minutes here, and one configuration measured after the other would carry that drift into the ratio.
        for _ in 0..<9 {
            for index in sides.indices {
                var report: PollReport?
                let cpu = Benchmark.cpuSeconds()
                let seconds = try await Benchmark.time { report = try await sides[index].poller.poll() }
                sides[index].unchanged.append(
                    (seconds, Benchmark.cpuSeconds() - cpu, report?.phases ?? PollPhases()))
            }
        }
        var figures: [Bool: (baseline: Double, unchanged: Double, cpu: Double, phases: PollPhases, memory: String)] =
            [:]
        for side in sides {
            defer { try? FileManager.default.removeItem(atPath: side.directory) }
            let median = side.unchanged.sorted { $0.seconds < $1.seconds }[side.unchanged.count / 2]
            let cpu = side.unchanged.map(\.cpu).sorted()[side.unchanged.count / 2]
            if side.withSubscriptions {
                // What a poll that reads every subscription's limits and traffic costs (once per
                // collect.usage_refresh, and after a plan changed): a poller that refreshes on every poll.
                let refreshing = TargetPoller(
                    target: "bench", url: plesk.url, source: side.client, store: side.store,
                    settings: PollSettings(collectOwners: false, usageRefresh: .zero), logger: Benchmark.quiet)
                var refreshes: [Double] = []
                for _ in 0..<3 { refreshes.append(try await Benchmark.time { try await refreshing.poll() }) }
                print(String(format: "  usage refresh poll (median of 3): %.3f s", refreshes.sorted()[1]))
            }
            await side.client.shutdown()
            let memory = try await Benchmark.exporterMemory(
                url: plesk.url, fingerprint: plesk.fingerprint, directory: side.directory,
                subscriptions: side.withSubscriptions)
            figures[side.withSubscriptions] = (side.baseline, median.seconds, cpu, median.phases, memory)
        }
        print(
            "kinds                           baseline_s  unchanged_s(median of 9: wall / CPU)"
                + "  serve_rss_MiB(steady / baseline peak / unchanged-poll peak)  cold_poll_s")
        for withSubscriptions in [false, true] {
            let figure = figures[withSubscriptions]!
            print(
                String(
                    format: "%-30@  %10.3f  %17.3f / %.3f  %@",
                    (withSubscriptions ? "domains+clients+subs+plans" : "domains+clients") as NSString,
                    figure.baseline, figure.unchanged, figure.cpu, figure.memory as NSString))
            print("         unchanged poll: \(Benchmark.phases(figure.phases))")
        }
        let without = figures[false]!
        let with = figures[true]!
        print(
            String(
                format: "subscriptions add %.0f %% to the unchanged poll's CPU time and %.0f %% to its wall time"
                    + " (target < 30 %%); compare the peaks above",
                (with.cpu / without.cpu - 1) * 100, (with.unchanged / without.unchanged - 1) * 100))
    }
}
