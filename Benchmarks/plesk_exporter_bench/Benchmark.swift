import Foundation
import Inventory
import Logging
import PleskAPI
import PleskSimulator
import InventoryModel
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// Prints the poll figures of SPEC §14 for 1k, 10k and 100k domains, against the simulator over HTTPS on loopback.
/// Run in release mode: `swift run -c release plesk_exporter_bench [sizes…] [--polls-only] [--events=N]
/// [--contention-only] [--subscriptions-only] [--fleet [NxM[,NxM…]] [--fleet-interval=S]
/// [--fleet-collect=core|owners|defaults]]`. `--fleet` alone runs issue 21's fleet (50 targets × 10,000 domains and
/// 2,000 clients on one `serve`, `FleetBenchmark`); a list of sizes shows how the figures grow with N and with M.
/// (`--simulator-child=D,C,S` is not for people: it is how `--subscriptions-only` runs its simulator apart.)
@main
struct Benchmark {
    static let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

    static func main() async throws {
        // The in-process polls allocate as `serve`'s do.
        ProcessMemory.limitArenas()
        if let child = CommandLine.arguments.first(where: { $0.hasPrefix("--simulator-child=") }) {
            try await SimulatorProcess.serve(String(child.dropFirst("--simulator-child=".count)))
            return
        }
        if CommandLine.arguments.contains("--contention-only") {
            try await ReaderContentionBenchmark.run()
            return
        }
        if CommandLine.arguments.contains(where: { $0 == "--fleet" || $0.hasPrefix("--fleet=") }) {
            let exporter = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("plesk_exporter").path
            guard FileManager.default.isExecutableFile(atPath: exporter) else {
                throw BenchmarkError("--fleet runs \(exporter): build plesk_exporter in the same configuration first")
            }
            try await FleetBenchmark.run(exporterBinary: exporter, arguments: Array(CommandLine.arguments.dropFirst()))
            return
        }
        if CommandLine.arguments.contains("--subscriptions-only") {
            try await SubscriptionsBenchmark.run()
            return
        }
        let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") }.compactMap(Int.init)
        // `--events=N`: how many events the /api/v1/events benchmark stores (1,000,000; about 4,500,000 make 1 GB).
        let events = CommandLine.arguments.first { $0.hasPrefix("--events=") }.flatMap { Int($0.dropFirst(9)) }
        let sizes = arguments.isEmpty ? [1_000, 10_000, 100_000] : arguments
        print("plesk_exporter poll benchmark — simulator over HTTPS (pinned) on loopback, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(
            "domains  clients  baseline_s  unchanged_s(median of 5)  changed_1%_s  bytes_per_unchanged_poll"
                + "  serve_rss_MiB(steady / baseline peak / unchanged-poll peak)  cold_poll_s(unchanged)")
        for size in sizes {
            try await run(domains: size, clients: size / 5)
        }
        let exporter = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("plesk_exporter").path
        if CommandLine.arguments.contains("--polls-only") {
            return
        } else if FileManager.default.isExecutableFile(atPath: exporter) {
            try await ScrapeBenchmark.run(exporterBinary: exporter)
            try await EventsBenchmark.run(exporterBinary: exporter, events: events ?? 1_000_000)
            try await ReaderContentionBenchmark.run()
            try await SubscriptionsBenchmark.run()
        } else {
            print("\n/metrics benchmark skipped: build plesk_exporter in the same configuration first")
        }
    }

    static func run(domains: Int, clients: Int) async throws {
        let directory = NSTemporaryDirectory() + "plesk-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inventory = PleskInventory.generate(domains: domains, clients: clients, seed: 1)
        try await SimulatedPlesk.withRunning(configuration: .init(logger: quiet), inventory: inventory) { plesk in
            let target = PleskTarget(
                name: "bench", url: URL(string: plesk.url)!,
                credentials: .apiKey(SimulatedPlesk.Configuration.defaultAPIKey),
                tls: PleskTLSOptions(fingerprintSHA256: plesk.certificateFingerprint), timeout: .seconds(120))
            let client = try PleskAPIClient(target: target, logger: quiet)
            let store = try SQLiteInventoryStore(path: directory + "/bench.db", logger: quiet)
            // Owner enrichment costs one call per client and is refreshed hourly; the core poll is measured without it.
            // Domains and clients only (SPEC §14's figures); subscriptions have their own benchmark.
            let poller = TargetPoller(
                target: "bench", url: plesk.url, source: client, store: store,
                settings: PollSettings(collectOwners: false, collectSubscriptions: false, collectServicePlans: false),
                logger: quiet)

            var baselineReport: PollReport?
            let baseline = try await time { baselineReport = try await poller.poll() }
            var unchanged: [(seconds: Double, phases: PollPhases)] = []
            for _ in 0..<5 {
                var report: PollReport?
                let seconds = try await time { report = try await poller.poll() }
                unchanged.append((seconds, report?.phases ?? PollPhases()))
            }
            let median = unchanged.sorted { $0.seconds < $1.seconds }[unchanged.count / 2]

            try await store.checkpoint()
            let before = try await store.fileSizeBytes()
            let growthPolls = 20
            for _ in 0..<growthPolls { try await poller.poll() }
            try await store.checkpoint()
            let after = try await store.fileSizeBytes()

            let victims = plesk.inventory.domains.prefix(max(1, domains / 100))
            for domain in victims { try plesk.renameDomain(id: domain.id, to: "changed-\(domain.id).example") }
            var changedReport: PollReport?
            let changed = try await time { changedReport = try await poller.poll() }

            await client.shutdown()
            let exporter = try await exporterMemory(plesk: plesk, directory: directory)
            print(
                String(
                    format: "%7d  %7d  %10.3f  %24.3f  %12.3f  %24.1f  %@", domains, clients, baseline,
                    median.seconds, changed, Double(after - before) / Double(growthPolls), exporter as NSString))
            print("         baseline:       \(phases(baselineReport?.phases ?? PollPhases()))")
            print("         unchanged poll: \(phases(median.phases))")
            print("         1% changed:     \(phases(changedReport?.phases ?? PollPhases()))")
        }
    }

    static func phases(_ phases: PollPhases) -> String {
        func ms(_ duration: Duration) -> String {
            String(format: "%.0f", ScrapeBenchmark.milliseconds(duration))
        }
        return "fetch+scan \(ms(phases.fetch)) ms, enrich \(ms(phases.enrich)) ms, reduce \(ms(phases.reduce)) ms, diff \(ms(phases.diff)) ms, "
            + "commit \(ms(phases.commit)) ms"
    }

    /// User plus system CPU seconds of this process so far, to the microsecond (`/proc/PID/stat`, which
    /// ``ServeProcess/cpuSeconds(_:)`` reads for another process, counts in 10 ms ticks: too coarse for one poll).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func time(_ body: () async throws -> some Any) async throws -> Double {
        let start = ContinuousClock.now
        _ = try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Runs the real `plesk_exporter serve` (built next to this benchmark) against the simulator until it has
    /// stored two polls and then two more, and reads its resident memory and its peaks (`VmRSS`, `VmHWM`) of the
    /// baseline and of the unchanged polls; then times a cold `plesk_exporter poll` of the same database.
    static func exporterMemory(plesk: SimulatedPlesk, directory: String, subscriptions: Bool = false) async throws
        -> String
    {
        try await exporterMemory(
            url: plesk.url, fingerprint: plesk.certificateFingerprint, directory: directory, subscriptions: subscriptions)
    }

    /// ``exporterMemory(plesk:directory:subscriptions:)`` against a simulator at `url` (one in a child process).
    static func exporterMemory(url: String, fingerprint: String?, directory: String, subscriptions: Bool = false)
        async throws -> String
    {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("plesk_exporter").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { return "n/a (build plesk_exporter)" }
        let config = directory + "/bench.yml"
        let database = directory + "/exporter.db"
        try """
        global: {poll_interval: 1s, timeout: 120s}
        targets:
          - name: bench
            url: \(url)
            api_key: \(SimulatedPlesk.Configuration.defaultAPIKey)
            tls: {fingerprint_sha256: "\(fingerprint ?? "")"}
            collect: {owners: false, subscriptions: \(subscriptions), service_plans: \(subscriptions)}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--config.file", config, "--storage.path", database, "--web.listen-address", "127.0.0.1:0", "--log.level", "error"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let deadline = ContinuousClock.now + .seconds(300)
        var store: SQLiteInventoryStore?
        while ContinuousClock.now < deadline {
            if store == nil { store = try? SQLiteInventoryStore(path: database, logger: quiet, readOnly: true) }
            let polls = (try? await store?.polls(target: "bench", since: nil, until: nil, limit: 5)) ?? []
            if polls.filter({ $0.result == .success }).count >= 2 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        func kib(_ field: String) -> Double {
            let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return 0 }
            return Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        let baselinePeak = kib("VmHWM:")
        // Writing 5 to clear_refs resets the peak: what follows is the peak of unchanged polls alone.
        try? "5".write(toFile: "/proc/\(process.processIdentifier)/clear_refs", atomically: false, encoding: .utf8)
        while ContinuousClock.now < deadline {
            let polls = (try? await store?.polls(target: "bench", since: nil, until: nil, limit: 10)) ?? []
            if polls.filter({ $0.result == .success }).count >= 4 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let steady = kib("VmRSS:")
        let steadyAnonymous = kib("RssAnon:")
        let unchangedPeak = kib("VmHWM:")
        process.terminate()
        process.waitUntilExit()
        let cold = Process()
        cold.executableURL = URL(fileURLWithPath: binary)
        cold.arguments = ["poll", "--config.file", config, "--storage.path", database, "--log.level", "error"]
        cold.standardOutput = FileHandle.nullDevice
        cold.standardError = FileHandle.nullDevice
        let coldSeconds = try await time {
            try cold.run()
            cold.waitUntilExit()
        }
        return String(
            format: "%.1f (%.1f anonymous) / %.1f / %.1f  %.2f", steady / 1024, steadyAnonymous / 1024,
            baselinePeak / 1024, unchangedPeak / 1024, coldSeconds)

    }
}
