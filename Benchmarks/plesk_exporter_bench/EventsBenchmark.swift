import AsyncHTTPClient
import Foundation
import PleskSimulator
import InventoryModel
import Storage

/// `/api/v1/events` over 1,000,000 stored events: latency percentiles of a page of 100 for common queries.
enum EventsBenchmark {
    static func run(exporterBinary: String, events total: Int = 1_000_000) async throws {
        print("\n/api/v1/events benchmark — \(total) stored events in 20 targets, pages of 100")
        let directory = NSTemporaryDirectory() + "plesk-events-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/db.sqlite"
        let fillStart = ContinuousClock.now
        try await fill(database, events: total)
        print(String(format: "filled in %.1f s", ScrapeBenchmark.milliseconds(ContinuousClock.now - fillStart) / 1000))

        try await SimulatedPlesk.withRunning(configuration: .init(logger: Benchmark.quiet)) { plesk in
            try """
            targets:
              - name: web01
                url: \(plesk.url)
                api_key: \(SimulatedPlesk.Configuration.defaultAPIKey)
                tls: {fingerprint_sha256: "\(plesk.certificateFingerprint ?? "")"}
            """.write(toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
            let port = try FreePort.next()
            let exporter = Process()
            exporter.executableURL = URL(fileURLWithPath: exporterBinary)
            exporter.arguments = [
                "serve", "--config.file", directory + "/config.yml", "--storage.path", database,
                "--web.listen-address", "127.0.0.1:\(port)", "--log.level", "error",
            ]
            exporter.standardError = FileHandle.nullDevice
            let bytes = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
            let started = ContinuousClock.now
            try exporter.run()
            defer { exporter.terminate() }
            try await HTTPClient.withHTTPClient { client in
                let base = "http://127.0.0.1:\(port)/api/v1/events?limit=100"
                // Serving: the database opened and checked, migrations run, the HTTP server listening.
                try await ScrapeBenchmark.waitUntilReady(
                    client, url: "http://127.0.0.1:\(port)/healthz", every: .milliseconds(5))
                let serving = ContinuousClock.now - started
                try await ScrapeBenchmark.waitUntilReady(
                    client, url: "http://127.0.0.1:\(port)/readyz", every: .milliseconds(5))
                print(
                    String(
                        format: "start with a %.0f MiB database: serving after %.0f ms, ready (first poll stored) after %.0f ms",
                        Double(bytes) / 1_048_576, ScrapeBenchmark.milliseconds(serving),
                        ScrapeBenchmark.milliseconds(ContinuousClock.now - started)))
                print("query                                        p50_ms  p99_ms")
                let queries: [(String, (Int) -> String)] = [
                    ("first page", { _ in base }),
                    ("after=random cursor", { _ in base + "&after=\(Int.random(in: 0..<total))" }),
                    ("target=webNN", { i in base + "&target=web\(String(format: "%02d", i % 20 + 1))" }),
                    ("target+object+change", { i in base + "&target=web\(String(format: "%02d", i % 20 + 1))&object=domain&change=removed" }),
                    ("acknowledged=false&include_baseline=false", { _ in base + "&acknowledged=false&include_baseline=false" }),
                    ("since=1d", { _ in base + "&since=1d" }),
                ]
                for (name, url) in queries {
                    var latencies: [Double] = []
                    for i in 0..<300 {
                        let start = ContinuousClock.now
                        _ = try await ScrapeBenchmark.scrape(client, url(i))
                        latencies.append(ScrapeBenchmark.milliseconds(ContinuousClock.now - start))
                    }
                    latencies.sort()
                    print(
                        String(
                            format: "%@  %6.2f  %6.2f", name.padding(toLength: 43, withPad: " ", startingAt: 0),
                            latencies[latencies.count / 2], latencies[latencies.count * 99 / 100]))
                }
            }
        }
    }

    /// Commits polls that each add, modify and remove domains, until `events` events exist.
    static func fill(_ path: String, events total: Int) async throws {
        let store = try SQLiteInventoryStore(path: path, logger: Benchmark.quiet)
        let perPoll = 2_000
        var time = Date().addingTimeInterval(-30 * 86_400)
        var written = 0
        var next = 0
        while written < total {
            let target = "web\(String(format: "%02d", (written / perPoll) % 20 + 1))"
            time = time.addingTimeInterval(60)
            var poll = CompletePoll(
                target: target, startedAt: time, finishedAt: time, baseline: false, counts: PollCounts(domains: perPoll))
            for _ in 0..<perPoll {
                next += 1
                let key = "guid-\(next)"
                let change: ChangeKind = [.added, .modified, .removed][next % 3]
                poll.events.append(
                    NewEvent(
                        kind: next % 4 == 0 ? .client : .domain, change: change, key: key, name: "site\(next).example",
                        changedFields: change == .modified ? ["hosting_type"] : [],
                        beforeJSON: change == .added ? nil : #"{"hosting_type":"virtual"}"#,
                        afterJSON: change == .removed ? nil : #"{"hosting_type":"none"}"#))
            }
            try await store.commit(poll)
            written += perPoll
        }
    }
}
