import AsyncHTTPClient
import Foundation
import NIOCore
import PleskSimulator
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 21: one `plesk_exporter serve` with N targets of M domains (and M/5 clients) each, every target a name for
/// the same simulated server in this process (the exporter keys targets by configured name, so N names give N full
/// inventories). Measured from outside through `/proc` and the exporter's own API, as an operator would see it:
/// time until every target has its baseline, memory during and after, database size, CPU of an unchanged poll,
/// `/metrics`, and — in a second run of the same size — how targets come up while clients keep reading.
enum FleetBenchmark {
    /// One fleet size: `targets` × (`domains` + `domains / 5` clients).
    struct Size: CustomStringConvertible {
        let targets: Int
        let domains: Int
        var clients: Int { domains / 5 }
        var objects: Int { targets * (domains + clients) }
        var description: String { "\(targets)x\(domains)" }
    }

    /// `--fleet` alone is 50x10000; `--fleet 10x10000,25x10000` or `--fleet=…` lists sizes; `--fleet-interval=S`
    /// overrides the poll interval chosen from the size.
    static func sizes(_ arguments: [String]) throws -> [Size] {
        var list: String?
        if let inline = arguments.first(where: { $0.hasPrefix("--fleet=") }) {
            list = String(inline.dropFirst("--fleet=".count))
        } else if let index = arguments.firstIndex(of: "--fleet"), index + 1 < arguments.count,
            !arguments[index + 1].hasPrefix("--")
        {
            list = arguments[index + 1]
        }
        guard let list else { return [Size(targets: 50, domains: 10_000)] }
        return try list.split(separator: ",").map { item in
            let parts = item.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, parts[0] > 0, parts[1] > 0 else {
                throw BenchmarkError("--fleet takes NxM[,NxM…] (targets x domains), not \(item)")
            }
            return Size(targets: parts[0], domains: parts[1])
        }
    }

    static func run(exporterBinary: String, arguments: [String]) async throws {
        let sizes = try sizes(arguments)
        let interval = arguments.first { $0.hasPrefix("--fleet-interval=") }.flatMap {
            Int($0.dropFirst("--fleet-interval=".count))
        }
        let collect = try Collect(arguments)
        say("fleet benchmark — N targets × M domains (+ M/5 clients) on one `serve`, all naming one simulator over")
        say("HTTPS (pinned) on loopback; collect: \(collect.description); \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var rows: [(Size, Figures)] = []
        for size in sizes {
            let figures = try await run(size, binary: exporterBinary, interval: interval, collect: collect)
            rows.append((size, figures))
        }
        say("\nsummary (baseline_s: every target's baseline; MiB: peak during baselines / after them / after two")
        say("unchanged cycles over a base of the same targets with no objects; db: file + WAL after the baselines;")
        say("poll: CPU of one unchanged poll of one target; up: targets up 10/30/60 s after start under reading load)")
        say(
            "size       objects  baseline_s  MiB peak/after/steady/base  B/obj  db_MB  db_B/obj  poll_ms  metrics_KB/ms"
                + "  up@10/30/60  first/half/all_s  readers_p99_ms metrics/events  load")
        for (size, f) in rows {
            let memory = String(
                format: "%.0f/%.0f/%.0f/%.0f", f.peakKiB / 1024, f.afterBaselinesKiB / 1024, f.steadyKiB / 1024,
                f.baseKiB / 1024)
            say(
                size.description.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + String(format: "%8d  %10.1f  ", size.objects, f.baselineSeconds)
                    + memory.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(
                        format: "%5.0f  %5.0f  %8.0f  %7.1f  %6.0f/%-6.1f  ", f.bytesPerObject,
                        Double(f.databaseBytes) / 1e6, Double(f.databaseBytes) / Double(size.objects),
                        f.unchangedPollMs, Double(f.metricsBytes) / 1000, f.metricsMs)
                    + f.upAt.padding(toLength: 13, withPad: " ", startingAt: 0)
                    + f.upTimes.padding(toLength: 18, withPad: " ", startingAt: 0)
                    + String(format: "%.0f/%.0f", f.metricsReaderP99, f.eventsReaderP99)
                        .padding(toLength: 32, withPad: " ", startingAt: 0)
                    + f.load)
        }
    }

    /// What the targets collect (`--fleet-collect=core|owners|defaults`). The default, owners, is what a target
    /// without `collect:` reads over the REST API — domains, clients and each domain's owner (a call per client at
    /// the baseline, then hourly) — and reproduces issue 21's figures; core is domains and clients only, as SPEC §14's
    /// figures are; defaults adds the XML API's subscriptions (every top-level domain of the generated server) and
    /// plans.
    enum Collect: String, CustomStringConvertible {
        case core, owners, defaults

        init(_ arguments: [String]) throws {
            guard let flag = arguments.first(where: { $0.hasPrefix("--fleet-collect=") }) else {
                self = .owners
                return
            }
            guard let value = Collect(rawValue: String(flag.dropFirst("--fleet-collect=".count))) else {
                throw BenchmarkError("--fleet-collect takes core, owners or defaults, not \(flag)")
            }
            self = value
        }

        var description: String {
            switch self {
            case .core: "domains and clients only"
            case .owners: "domains, clients and owners"
            case .defaults: "the defaults (owners, subscriptions — every top-level domain — and plans)"
            }
        }

        /// The target's `collect:` line, if any.
        var yaml: String? {
            switch self {
            case .core: "    collect: {owners: false, subscriptions: false, service_plans: false}"
            case .owners: "    collect: {owners: true, subscriptions: false, service_plans: false}"
            case .defaults: nil
            }
        }

        /// Seconds of "every target has its baseline" per object of the fleet on the reference machine.
        var baselineCost: Double {
            switch self {
            case .core: 60e-6
            case .owners: 100e-6
            case .defaults: 250e-6
            }
        }
    }

    /// What one size measured, for the summary.
    struct Figures {
        var baselineSeconds = 0.0
        var peakKiB = 0.0
        var afterBaselinesKiB = 0.0
        var steadyKiB = 0.0
        var baseKiB = 0.0
        var bytesPerObject = 0.0
        var databaseBytes = 0
        var unchangedPollMs = 0.0
        var metricsBytes = 0
        var metricsMs = 0.0
        var upAt = ""
        var upTimes = ""
        var metricsReaderP99 = 0.0
        var eventsReaderP99 = 0.0
        var load = ""
    }

    static func run(_ size: Size, binary: String, interval override: Int?, collect: Collect) async throws
        -> Figures
    {
        // Every target's baseline takes 60–250 µs an object of the fleet on the reference machine, by what is
        // collected (`Collect.baselineCost`). The interval, 1.5 times that, keeps each
        // cycle's polls apart from the next (±10 % jitter), so a CPU window holds one unchanged poll per target; the
        // output says when a cycle's completions spread too wide for that.
        let estimate = Double(size.objects) * collect.baselineCost
        let interval = override ?? max(20, Int(estimate * 1.5))
        say(
            "\n== \(size): \(size.targets) targets × (\(size.domains) domains + \(size.clients) clients) = \(size.objects) objects;"
                + " poll_interval \(interval)s; loadavg \(ServeProcess.loadAverage())")
        var figures = Figures()
        figures.load = String(ServeProcess.loadAverage().split(separator: " ").first ?? "?")
        var quiet = SimulatedPlesk.Configuration(logger: Benchmark.quiet)
        // One XML layout, as a real server answers (the default alternates layouts to test parsers, which would make
        // every subscription look changed on every poll).
        quiet.xmlOutput = .init(declaration: .withEncoding, layout: .prettyPrintHeader)
        let config = { (path: String, plesk: SimulatedPlesk) in
            try writeConfig(path, plesk: plesk, targets: size.targets, interval: interval, collect: collect)
        }
        // The base: the same targets against a server with no domains and only its admin.
        let base = try await SimulatedPlesk.withRunning(
            configuration: quiet, inventory: .generate(domains: 0, clients: 1, seed: 1)
        ) { plesk in
            try await measureBase(size, plesk: plesk, binary: binary, config: config)
        }
        figures.baseKiB = base.rssKiB
        say(
            String(
                format: "base (same %d targets, 0 objects): rss %.1f MiB (anonymous %.1f), idle CPU %.1f ms/s with the 1 s check loop",
                size.targets, base.rssKiB / 1024, base.anonymousKiB / 1024, base.idleCPUPerSecond * 1000))
        let inventory = PleskInventory.generate(domains: size.domains, clients: size.clients, seed: 1)
        try await SimulatedPlesk.withRunning(configuration: quiet, inventory: inventory) { plesk in
            try await measureFleet(
                size, plesk: plesk, binary: binary, config: config, interval: interval, base: base, into: &figures)
            try await measureUnderReaders(
                size, plesk: plesk, binary: binary, config: config,
                deadline: max(180, 3 * figures.baselineSeconds + 60), into: &figures)
        }
        return figures
    }

    // MARK: - The three runs of a size

    /// The same binary and targets with nothing to poll: what the process costs before any object.
    static func measureBase(
        _ size: Size, plesk: SimulatedPlesk, binary: String, config: (String, SimulatedPlesk) throws -> Void
    ) async throws
        -> (rssKiB: Double, anonymousKiB: Double, idleCPUPerSecond: Double)
    {
        let directory = try temporaryDirectory("plesk-fleet-base")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try config(directory + "/config.yml", plesk)
        let serve = try ServeProcess(binary: binary, config: directory + "/config.yml", database: directory + "/db.sqlite")
        defer { serve.stop() }
        return try await HTTPClient.withHTTPClient { client in
            var progress = Progress(targets: size.targets)
            try await watch(client, serve, &progress, every: .milliseconds(250), deadline: 120, what: "first polls (base)") {
                $0.all(atLeast: 1)
            }
            try await Task.sleep(for: .seconds(1))
            // Idle CPU over 5 s while the check loop asks for the targets every second, as in the cycles below.
            let start = (ServeProcess.cpuSeconds(serve.pid), serve.elapsed())
            for _ in 0..<5 {
                try await Task.sleep(for: .seconds(1))
                _ = try? await targets(client, serve)
            }
            let idle = (ServeProcess.cpuSeconds(serve.pid) - start.0) / (serve.elapsed() - start.1)
            return (
                ServeProcess.statusKiB(serve.pid, "VmRSS:"), ServeProcess.statusKiB(serve.pid, "RssAnon:"), idle
            )
        }
    }

    /// Baselines, then two unchanged cycles; memory, database, CPU per poll and `/metrics`.
    static func measureFleet(
        _ size: Size, plesk: SimulatedPlesk, binary: String, config: (String, SimulatedPlesk) throws -> Void,
        interval: Int, base: (rssKiB: Double, anonymousKiB: Double, idleCPUPerSecond: Double), into figures: inout Figures
    ) async throws {
        let directory = try temporaryDirectory("plesk-fleet")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try config(directory + "/config.yml", plesk)
        let serve = try ServeProcess(binary: binary, config: directory + "/config.yml", database: directory + "/db.sqlite")
        defer { serve.stop() }
        let samples = Samples()
        let pid = serve.pid
        let started = serve.started
        let sampler = Task {
            while !Task.isCancelled {
                samples.add(
                    seconds: ServeProcess.seconds(ContinuousClock.now - started),
                    rssKiB: ServeProcess.statusKiB(pid, "VmRSS:"), cpu: ServeProcess.cpuSeconds(pid))
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { sampler.cancel() }
        try await HTTPClient.withHTTPClient { client in
            var progress = Progress(targets: size.targets)
            let baselineDeadline = 120 + Double(size.objects) * 1e-3
            try await watch(client, serve, &progress, every: .milliseconds(250), deadline: baselineDeadline, what: "baselines") {
                $0.all(atLeast: 1)
            }
            let baselines = serve.elapsed()
            let hwm = ServeProcess.statusKiB(pid, "VmHWM:")
            let after = ServeProcess.statusKiB(pid, "VmRSS:")
            let afterAnonymous = ServeProcess.statusKiB(pid, "RssAnon:")
            let database = serve.databaseBytes()
            let peak = samples.peak()
            serve.resetPeak()
            let times = progress.reached(1)
            figures.baselineSeconds = baselines
            figures.peakKiB = max(hwm, peak.kiB)
            figures.afterBaselinesKiB = after
            figures.databaseBytes = database.main + database.wal
            say(
                String(
                    format: "baselines: all %d in %.1f s (first %.1f s, half %.1f s); %@",
                    size.targets, baselines, times.first ?? 0, times[(times.count - 1) / 2],
                    (progress.overlap(1) ? "some second polls already done (cycles overlap)" : "no second poll yet") as NSString))
            say(
                String(
                    format: "  rss peak %.1f MiB (VmHWM %.1f; sampled every 100 ms, highest %.1f at %.1f s); right after: %.1f MiB (anonymous %.1f)",
                    figures.peakKiB / 1024, hwm / 1024, peak.kiB / 1024, peak.seconds, after / 1024, afterAnonymous / 1024))
            say(
                String(
                    format: "  database: %.1f MB file + %.1f MB WAL = %.0f B per object",
                    Double(database.main) / 1e6, Double(database.wal) / 1e6,
                    Double(figures.databaseBytes) / Double(size.objects)))
            // About a dozen points over the baselines: where the peak comes from.
            let step = max(1, (baselines / 12).rounded())
            say(String(format: "  timeline (s: rss MiB, CPU %% of one core over the %.0f s before, baselines done):", step))
            say("    " + samples.timeline(until: baselines + step, every: step, baselines: times).joined(separator: "  "))

            // Two unchanged cycles: CPU per poll from the windows between "every target has k polls" and k + 1.
            var cpuPerPoll: [Double] = []
            var rawCycles: [(cpu: Double, seconds: Double)] = []
            let cycles = 2
            for cycle in 1...cycles {
                let start = (ServeProcess.cpuSeconds(pid), serve.elapsed())
                let deadline = start.1 + 1.1 * Double(interval) + 120 + Double(size.objects) * 2e-4
                try await watch(client, serve, &progress, every: .seconds(1), deadline: deadline, what: "unchanged cycle \(cycle)") {
                    $0.all(atLeast: cycle + 1)
                }
                let end = (ServeProcess.cpuSeconds(pid), serve.elapsed())
                let raw = end.0 - start.0
                let idle = base.idleCPUPerSecond * (end.1 - start.1)
                let spread = progress.spread(cycle)
                let clean = spread < 0.9 * Double(interval) - 1 && !progress.overlap(cycle + 1)
                cpuPerPoll.append((raw - idle) / Double(size.targets) * 1000)
                rawCycles.append((raw, end.1 - start.1))
                say(
                    String(
                        format: "unchanged cycle %d: %.2f s CPU over %.1f s, less idle %.2f s = %.1f ms per target's poll"
                            + " (previous completions spread %.1f s; %@)",
                        cycle, raw, end.1 - start.1, idle, cpuPerPoll.last!, spread,
                        (clean ? "one poll per target in the window" : "WINDOW MAY HOLD OTHER POLLS: cycles overlap") as NSString))
            }
            // The last poll's commit, memory trim and page-cache release come right after its success is visible.
            try await Task.sleep(for: .seconds(1))
            let steady = ServeProcess.statusKiB(pid, "VmRSS:")
            let steadyAnonymous = ServeProcess.statusKiB(pid, "RssAnon:")
            let cyclesPeak = ServeProcess.statusKiB(pid, "VmHWM:")
            let later = serve.databaseBytes()
            figures.steadyKiB = steady
            figures.bytesPerObject = (steady - base.rssKiB) * 1024 / Double(size.objects)
            figures.unchangedPollMs = cpuPerPoll.last ?? 0
            // The fleet's own idle rate, in the quiet after a cycle: every poll of it is done and the next is due
            // tens of seconds later (the interval is 1.5 × the baselines' time, a cycle's polls spread over less).
            // Its kept memory, trims and the check loop cost what they cost here, which the empty base does not show.
            let quietStart = (ServeProcess.cpuSeconds(pid), serve.elapsed())
            for _ in 0..<5 {
                try await Task.sleep(for: .seconds(1))
                if let list = try? await targets(client, serve) { try progress.update(list, at: serve.elapsed()) }
            }
            let quiet = (ServeProcess.cpuSeconds(pid) - quietStart.0) / (serve.elapsed() - quietStart.1)
            if progress.overlap(1 + cycles) {  // a poll past the baseline and the cycles
                say("fleet idle: a poll completed inside the 5 s window; not used")
            } else {
                let own = rawCycles.map { ($0.cpu - quiet * $0.seconds) / Double(size.targets) * 1000 }
                figures.unchangedPollMs = own.last ?? 0
                say(
                    String(
                        format: "fleet idle CPU %.1f ms/s (5 s after the last cycle, no poll running); unchanged poll"
                            + " less the fleet's own idle: %@ ms per target's poll",
                        quiet * 1000, own.map { String(format: "%.1f", $0) }.joined(separator: ", ") as NSString))
            }
            say(
                String(
                    format: "after two unchanged cycles: rss %.1f MiB (anonymous %.1f), peak during the cycles %.1f MiB;"
                        + " (rss − base) / objects = %.0f B (over a 45 MiB base: %.0f B); database %.1f + %.1f MB",
                    steady / 1024, steadyAnonymous / 1024, cyclesPeak / 1024, figures.bytesPerObject,
                    (steady - 45 * 1024) * 1024 / Double(size.objects), Double(later.main) / 1e6,
                    Double(later.wal) / 1e6))

            // /metrics: the first request (nothing has asked since the baselines: it renders the inventory), then
            // the median of five requests each, plain and as Prometheus asks (gzip).
            let first = ContinuousClock.now
            _ = try await ScrapeBenchmark.scrape(client, serve.baseURL + "/metrics")
            var line = String(format: "/metrics: first request %.1f ms;", ScrapeBenchmark.milliseconds(ContinuousClock.now - first))
            for gzip in [false, true] {
                var latencies: [Double] = []
                var bytes = 0
                for _ in 0..<5 {
                    let start = ContinuousClock.now
                    bytes = try await ScrapeBenchmark.scrape(client, serve.baseURL + "/metrics", gzip: gzip)
                    latencies.append(ScrapeBenchmark.milliseconds(ContinuousClock.now - start))
                }
                let median = latencies.sorted()[2]
                if !gzip {
                    figures.metricsBytes = bytes
                    figures.metricsMs = median
                }
                line += String(format: " %@ %.1f KB, median %.1f ms (of 5);", gzip ? "gzip" : "plain", Double(bytes) / 1000, median)
            }
            say(line)
        }
    }

    /// A fresh start of the same size while two clients read `/metrics` (gzip) and two the first events page, each
    /// back to back: when do targets come up, and what do the readers wait?
    static func measureUnderReaders(
        _ size: Size, plesk: SimulatedPlesk, binary: String, config: (String, SimulatedPlesk) throws -> Void,
        deadline: Double,
        into figures: inout Figures
    ) async throws {
        let directory = try temporaryDirectory("plesk-fleet-readers")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try config(directory + "/config.yml", plesk)
        say("under reading load (fresh start; loadavg \(ServeProcess.loadAverage())):")
        let serve = try ServeProcess(binary: binary, config: directory + "/config.yml", database: directory + "/db.sqlite")
        defer { serve.stop() }
        try await HTTPClient.withHTTPClient { client in
            try await ScrapeBenchmark.waitUntilReady(client, url: serve.baseURL + "/healthz", every: .milliseconds(5))
            let stop = StopFlag()
            let readers: [(name: String, url: String, gzip: Bool)] = [
                ("/metrics", serve.baseURL + "/metrics", true), ("/metrics", serve.baseURL + "/metrics", true),
                ("events", serve.baseURL + "/api/v1/events?limit=100", false),
                ("events", serve.baseURL + "/api/v1/events?limit=100", false),
            ]
            var progress = Progress(targets: size.targets)
            var watchError: (any Error)?
            let results = try await withThrowingTaskGroup(of: (String, [Double], Int).self) { group in
                for reader in readers {
                    group.addTask {
                        var latencies: [Double] = []
                        var errors = 0
                        while !stop.value.load(ordering: .relaxed) {
                            let start = ContinuousClock.now
                            do {
                                _ = try await ScrapeBenchmark.scrape(client, reader.url, gzip: reader.gzip)
                                latencies.append(ScrapeBenchmark.milliseconds(ContinuousClock.now - start))
                            } catch {
                                errors += 1
                                try? await Task.sleep(for: .milliseconds(10))
                            }
                        }
                        return (reader.name, latencies, errors)
                    }
                }
                do {
                    try await watch(client, serve, &progress, every: .milliseconds(250), deadline: deadline, what: "targets up under readers") {
                        $0.upCount == size.targets
                    }
                } catch {
                    watchError = error
                }
                stop.value.store(true, ordering: .relaxed)
                var all: [String: ([Double], Int)] = [:]
                for try await (name, latencies, errors) in group {
                    all[name, default: ([], 0)].0 += latencies
                    all[name, default: ([], 0)].1 += errors
                }
                return all
            }
            let up = progress.upTimes()
            let at = [10.0, 30, 60].map { limit in up.filter { $0 <= limit }.count }
            figures.upAt = at.map(String.init).joined(separator: "/")
            func time(_ index: Int) -> String { index < up.count ? String(format: "%.1f", up[index]) : "—" }
            figures.upTimes = "\(time(0))/\(time((size.targets + 1) / 2 - 1))/\(up.count == size.targets ? time(size.targets - 1) : "—")"
            say(
                String(
                    format: "  targets up at 10 / 30 / 60 s: %d / %d / %d of %d; first up %@ s, half %@ s, all %@ s%@",
                    at[0], at[1], at[2], size.targets, time(0) as NSString, time((size.targets + 1) / 2 - 1) as NSString,
                    (up.count == size.targets ? time(size.targets - 1) : "—") as NSString,
                    (watchError.map { " (\($0))" } ?? "") as NSString))
            for name in ["/metrics", "events"] {
                let (latencies, errors) = results[name] ?? ([], 0)
                let sorted = latencies.sorted()
                let p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
                let p99 = sorted.isEmpty ? 0 : sorted[sorted.count * 99 / 100]
                if name == "/metrics" { figures.metricsReaderP99 = p99 } else { figures.eventsReaderP99 = p99 }
                say(
                    String(
                        format: "  2 readers of %@: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors",
                        (name == "/metrics" ? "/metrics (gzip)" : "/api/v1/events?limit=100") as NSString,
                        sorted.count, p50, p99, sorted.last ?? 0, errors))
            }
            say(String(format: "  rss peak under load %.1f MiB", ServeProcess.statusKiB(serve.pid, "VmHWM:") / 1024))
        }
    }

    // MARK: - Watching the exporter

    /// A target as `GET /api/v1/targets` shows it, the fields the benchmark reads.
    struct TargetJSON: Decodable {
        struct ErrorJSON: Decodable {
            let reason: String
            let message: String
        }
        let name: String
        let up: Bool
        let lastPoll: String?
        let lastSuccess: String?
        let lastError: ErrorJSON?

        enum CodingKeys: String, CodingKey {
            case name, up
            case lastPoll = "last_poll"
            case lastSuccess = "last_success"
            case lastError = "last_error"
        }
    }

    struct TargetsEnvelope: Decodable {
        let data: [TargetJSON]
    }

    /// Per target, how many successful polls were seen and when: a new `last_success` is a new success (the
    /// interval is far longer than the check loop's period, so none is missed).
    struct Progress {
        let targets: Int
        var lastSuccess: [String: String] = [:]
        var successes: [String: Int] = [:]
        /// Seconds after start at which each target reached k successes, by k.
        var reachedAt: [Int: [String: Double]] = [:]
        var firstUp: [String: Double] = [:]

        var upCount: Int { firstUp.count }

        mutating func update(_ list: [TargetJSON], at seconds: Double) throws {
            for target in list {
                if let success = target.lastSuccess, success != lastSuccess[target.name] {
                    lastSuccess[target.name] = success
                    successes[target.name, default: 0] += 1
                    reachedAt[successes[target.name]!, default: [:]][target.name] = seconds
                } else if target.lastSuccess == nil, target.lastPoll != nil {
                    throw BenchmarkError(
                        "target \(target.name)'s first poll failed: \(target.lastError?.reason ?? "?"): "
                            + "\(target.lastError?.message ?? "?")")
                }
                if target.up, firstUp[target.name] == nil { firstUp[target.name] = seconds }
            }
        }

        func all(atLeast count: Int) -> Bool {
            successes.count == targets && successes.values.allSatisfy { $0 >= count }
        }

        /// Whether some target already has `count` + 1 successes (a later cycle began inside this one).
        func overlap(_ count: Int) -> Bool { successes.values.contains { $0 > count } }

        /// Seconds after start at which targets reached `count` successes, sorted.
        func reached(_ count: Int) -> [Double] { (reachedAt[count] ?? [:]).values.sorted() }

        /// How far apart the targets' `count`-th successes lie.
        func spread(_ count: Int) -> Double {
            let times = reached(count)
            return (times.last ?? 0) - (times.first ?? 0)
        }

        func upTimes() -> [Double] { firstUp.values.sorted() }
    }

    static func targets(_ client: HTTPClient, _ serve: ServeProcess) async throws -> [TargetJSON] {
        let response = try await client.execute(
            HTTPClientRequest(url: serve.baseURL + "/api/v1/targets"), timeout: .seconds(30))
        guard response.status == .ok else { throw BenchmarkError("/api/v1/targets answered \(response.status)") }
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return try JSONDecoder().decode(TargetsEnvelope.self, from: Data(body.readableBytesView)).data
    }

    /// Asks for the targets every `every` until `done` holds, or throws at `deadline` (seconds after start) or when
    /// the child exits. Before the listener is up, a refused connection is just another try.
    static func watch(
        _ client: HTTPClient, _ serve: ServeProcess, _ progress: inout Progress, every: Duration, deadline: Double,
        what: String, until done: (Progress) -> Bool
    ) async throws {
        while true {
            if let list = try? await targets(client, serve) {
                try progress.update(list, at: serve.elapsed())
                if done(progress) { return }
            }
            guard serve.process.isRunning else {
                throw BenchmarkError("serve exited (status \(serve.process.terminationStatus)) while waiting for \(what)")
            }
            guard serve.elapsed() < deadline else {
                throw BenchmarkError(
                    String(format: "%@: not done %.0f s after start (%d targets with a success)", what, deadline,
                        progress.successes.count))
            }
            try await Task.sleep(for: every)
        }
    }

    // MARK: - Configuration and samples

    /// Prints and flushes: a run takes minutes, and its output often goes to a file.
    static func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    static func writeConfig(
        _ path: String, plesk: SimulatedPlesk, targets: Int, interval: Int, collect: Collect
    ) throws {
        // Timeout well above a baseline's fetch while 50 others share two cores. Domains and clients only, as the
        // SPEC §14 figures are (owners cost a call per client, subscriptions come from the XML API), unless
        // `--fleet-collect` asks for more.
        var lines = ["global: {poll_interval: \(interval)s, timeout: 600s}", "targets:"]
        for index in 1...targets {
            lines += [
                "  - name: web\(String(format: "%03d", index))",
                "    url: \(plesk.url)",
                "    api_key: \(SimulatedPlesk.Configuration.defaultAPIKey)",
                "    tls: {fingerprint_sha256: \"\(plesk.certificateFingerprint ?? "")\"}",
            ]
            if let yaml = collect.yaml { lines.append(yaml) }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func temporaryDirectory(_ prefix: String) throws -> String {
        let directory = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Tells the readers to stop.
    final class StopFlag: Sendable {
        let value = Atomic<Bool>(false)
    }

    /// Resident memory and CPU time of the child every 100 ms, written by the sampling task.
    final class Samples: Sendable {
        struct Sample {
            let seconds: Double
            let rssKiB: Double
            let cpu: Double
        }
        private let samples = Mutex<[Sample]>([])

        func add(seconds: Double, rssKiB: Double, cpu: Double) {
            guard rssKiB > 0 else { return }
            samples.withLock { $0.append(Sample(seconds: seconds, rssKiB: rssKiB, cpu: cpu)) }
        }

        func peak() -> (kiB: Double, seconds: Double) {
            samples.withLock { list in
                let top = list.max { $0.rssKiB < $1.rssKiB }
                return (top?.rssKiB ?? 0, top?.seconds ?? 0)
            }
        }

        /// Every `every` seconds: resident MiB, CPU % of one core over the step before, baselines done by then.
        func timeline(until end: Double, every step: Double, baselines: [Double]) -> [String] {
            let list = samples.withLock { $0 }
            var out: [String] = []
            var previous = Sample(seconds: 0, rssKiB: 0, cpu: 0)
            var mark = step
            while mark <= end {
                guard let sample = list.last(where: { $0.seconds <= mark }) else { break }
                let cpu = (sample.cpu - previous.cpu) / max(0.001, sample.seconds - previous.seconds) * 100
                out.append(
                    String(
                        format: "%.0f: %.0f, %.0f%%, %d", mark, sample.rssKiB / 1024, cpu,
                        baselines.filter { $0 <= mark }.count))
                previous = sample
                mark += step
            }
            return out
        }
    }
}
