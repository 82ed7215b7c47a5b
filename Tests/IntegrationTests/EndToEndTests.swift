import AsyncHTTPClient
import NIOCore
import Foundation
import PleskSimulator
import InventoryModel
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every subcommand of the binary users run, with one target and with several.
///
/// By default the `plesk_exporter` built next to the tests; CI runs this suite a second time with
/// `PLESK_EXPORTER_BINARY` pointing at the release build (a release-only crash once shipped while debug was green).
@Suite("End to end: the binary", .tags(.endToEnd))
struct EndToEndTests {
    static let key = SimulatedPlesk.Configuration.defaultAPIKey

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ChildProcess.Output {
        try await ChildProcess.run(try exporterBinary(), arguments, environment: environment)
    }

    /// A configuration naming each simulator as a target `web01`, `web02`, … (API key, pinned certificate).
    static func writeConfig(_ simulators: [SimulatedPlesk], to path: String, global: String = "poll_interval: 1h") throws {
        try writeConfiguration(
            to: path, global: global,
            targets: simulators.enumerated().map { index, plesk in plesk.targetEntry(name: "web0\(index + 1)") })
    }

    /// Runs `body` with `count` simulators serving generated inventories.
    static func withSimulators<T>(_ count: Int, _ body: ([SimulatedPlesk]) async throws -> T) async throws -> T {
        let simulators = try (0..<count).map { index in
            try SimulatedPlesk(
                configuration: SimulatedPlesk.quietConfiguration,
                inventory: .generate(domains: 20 + index * 5, clients: 6, seed: UInt64(index + 1)))
        }
        func nest(_ index: Int) async throws -> T {
            guard index < simulators.count else { return try await body(simulators) }
            return try await simulators[index].withRunning { _ in try await nest(index + 1) }
        }
        return try await nest(0)
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    // MARK: poll, events, inventory, check-config

    @Test("poll (table, json, exit codes), events, inventory and check-config", arguments: [1, 2])
    func pollEventsInventory(targets: Int) async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        let common = ["--config.file", config, "--storage.path", directory.file("data/plesk.db")]
        try await Self.withSimulators(targets) { simulators in
            try Self.writeConfig(simulators, to: config)
            let names = (1...targets).map { "web0\($0)" }

            let check = try await Self.run(["check-config", "--config.file", config])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

            let baseline = try await Self.run(["poll"] + common)
            #expect(baseline.status == 0, "\(baseline.stdout)\(baseline.stderr)")
            for name in names { #expect(baseline.stdout.contains(name)) }
            #expect(baseline.stdout.components(separatedBy: "baseline recorded").count - 1 == targets)

            for (index, plesk) in simulators.enumerated() { try plesk.addDomain("added\(index + 1).example") }
            let second = try await Self.run(["poll", "--format", "json"] + common)
            #expect(second.status == 0, "\(second.stderr)")
            let reports = try #require(try Self.json(second.stdout) as? [[String: Any]])
            #expect(reports.count == targets)
            for (index, report) in reports.enumerated() {
                let poll = try #require(report["poll"] as? [String: Any])
                #expect(poll["target"] as? String == names[index])
                #expect(poll["result"] as? String == "success")
                // A top-level domain is a subscription too (its main domain): two events, one per kind.
                #expect(poll["event_count"] as? Int == 2)
                let events = try #require(report["events"] as? [[String: Any]])
                #expect(
                    Set(events.map { "\($0["object"] as? String ?? "") \($0["name"] as? String ?? "")" })
                        == ["domain added\(index + 1).example", "subscription added\(index + 1).example"])
            }

            // The baseline is hidden and counted; changes are listed.
            let listed = try await Self.run(["events"] + common)
            #expect(listed.status == 0, "\(listed.stderr)")
            for index in 1...targets { #expect(listed.stdout.contains("added\(index).example")) }
            let baselineCount = simulators.reduce(0) { $0 + $1.inventory.trackedObjectCount } - 2 * targets
            #expect(listed.stdout.contains("\(baselineCount) baseline events hidden"))
            let changes = try #require(try Self.json(try await Self.run(["events", "--format", "json"] + common).stdout) as? [[String: Any]])
            #expect(changes.count == 2 * targets)
            #expect(changes.allSatisfy { $0["baseline"] as? Bool == false })
            let everything = try #require(
                try Self.json(try await Self.run(["events", "--format", "json", "--include-baseline"] + common).stdout)
                    as? [[String: Any]])
            #expect(everything.count == baselineCount + 2 * targets)
            let newest = try #require(
                try Self.json(try await Self.run(["events", "--format", "json", "--newest", "1"] + common).stdout)
                    as? [[String: Any]])
            // Targets are polled concurrently: the newest is whichever commit came last.
            #expect(newest.map { $0["id"] as? Int } == [changes.last?["id"] as? Int])
            let first = try #require(
                try Self.json(try await Self.run(["events", "--format", "json", "--limit", "1", "--include-baseline"] + common).stdout)
                    as? [[String: Any]])
            #expect(first.count == 1)
            #expect(first.first?["baseline"] as? Bool == true)
            let both = try await Self.run(["events", "--limit", "1", "--newest", "1"] + common)
            #expect(both.status == 64)

            let inventory = try #require(
                try Self.json(try await Self.run(["inventory", "--format", "json"] + common).stdout) as? [[String: Any]])
            #expect(inventory.count == baselineCount + 2 * targets)
            let csv = try await Self.run(["inventory", "--format", "csv", "--object", "client", "--target", "web01"] + common)
            #expect(csv.stdout.split(separator: "\n").count == simulators[0].inventory.clients.count + 1)

            // One target failing fails the run (exit 1) but every other target is still polled and stored.
            simulators[0].inject(.status(401), on: .domains)
            let failed = try await Self.run(["poll", "--format", "json"] + common)
            #expect(failed.status == 1)
            let failedReports = try #require(try Self.json(failed.stdout) as? [[String: Any]])
            let results = failedReports.compactMap { ($0["poll"] as? [String: Any])?["result"] as? String }
            #expect(results == ["failure"] + Array(repeating: "success", count: targets - 1))
            let table = try await Self.run(["poll"] + common)
            #expect(table.status == 1)
            #expect(table.stdout.contains("auth"))
            #expect(!table.stdout.contains(Self.key) && !table.stderr.contains(Self.key))
        }
    }

    // MARK: read-only commands

    @Test("events and inventory never create or migrate a database, and exit 2 on one they cannot read")
    func readOnlyCommands() async throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing/plesk.db")
        for command in [["events"], ["inventory"], ["events", "--format", "json"]] {
            let result = try await Self.run(command + ["--storage.path", missing])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("no database at \(missing)"))
            #expect(!FileManager.default.fileExists(atPath: missing))
            #expect(!FileManager.default.fileExists(atPath: directory.file("missing")))
        }

        let garbage = directory.file("notes.txt")
        try String(repeating: "not a database\n", count: 100).write(toFile: garbage, atomically: true, encoding: .utf8)
        let notSQLite = try await Self.run(["events", "--storage.path", garbage])
        #expect(notSQLite.status == 2)
        #expect(notSQLite.stderr.contains("is not a plesk_exporter database"))
        #expect(try String(contentsOfFile: garbage, encoding: .utf8).hasPrefix("not a database"))

        // An SQLite database of something else is not migrated into ours.
        let other = directory.file("other.db")
        try SQLiteConnection(path: other).execute("CREATE TABLE notes (text TEXT)")
        let otherResult = try await Self.run(["inventory", "--storage.path", other])
        #expect(otherResult.status == 2)
        #expect(otherResult.stderr.contains("is not a plesk_exporter database"))
        let tables = try SQLiteConnection(path: other, configuration: .init(readOnly: true))
            .query("SELECT name FROM sqlite_schema WHERE type = 'table'") { $0.string(0) }
        #expect(tables == ["notes"])
    }

    // MARK: serve

    @Test("serve: /metrics, every /api/v1/ endpoint, the landing page, then SIGTERM", arguments: [1, 2])
    func serve(targets: Int) async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        let log = directory.file("serve.log")
        try await Self.withSimulators(targets) { simulators in
            try Self.writeConfig(simulators, to: config)
            let serve = try ExporterProcess.serve(
                ["--config.file", config, "--storage.path", directory.file("plesk.db")], log: log)
            let port = try await serve.port()
            let base = "http://127.0.0.1:\(port)"

            // Every target's first poll shows up in the metrics.
            var metrics = ""
            let up = await Self.eventually {
                metrics = try await Self.get(base + "/metrics").body
                return (1...targets).allSatisfy { metrics.contains("plesk_up{target=\"web0\($0)\"} 1") }
            }
            #expect(up, "\(metrics.prefix(2000))")
            for index in 1...targets {
                #expect(metrics.contains("plesk_server_info{target=\"web0\(index)\""))
                #expect(metrics.contains("plesk_inventory_changes_total{target=\"web0\(index)\",object=\"client\",change=\"removed\"} 0"))
            }
            #expect(metrics.contains("plesk_exporter_build_info{"))
            #expect(metrics.contains("process_resident_memory_bytes "))

            let targetsPage = try await Self.get(base + "/api/v1/targets")
            #expect(targetsPage.status == 200)
            let data = try #require((try Self.json(targetsPage.body) as? [String: Any])?["data"] as? [[String: Any]])
            #expect(data.compactMap { $0["name"] as? String } == (1...targets).map { "web0\($0)" })
            #expect(!targetsPage.body.contains(Self.key))
            for path in [
                "/api/v1/polls", "/api/v1/events", "/api/v1/events?include_baseline=true&limit=5", "/api/v1/inventory",
                "/api/v1/inventory?object=client&target=web01", "/api/v1/history", "/healthz", "/readyz", "/",
            ] {
                let response = try await Self.get(base + path)
                #expect(response.status == 200, "\(path): \(response.body.prefix(300))")
            }
            let events = try #require(
                ((try Self.json(try await Self.get(base + "/api/v1/events?include_baseline=true&limit=1000").body)
                    as? [String: Any])?["data"] as? [String: Any])?["events"] as? [[String: Any]])
            let expected = simulators.reduce(0) { $0 + $1.inventory.trackedObjectCount }
            #expect(events.count == expected)
            let missing = try await Self.get(base + "/api/v1/nope")
            #expect(missing.status == 404)
            #expect(missing.body.contains(#""errorType":"not_found""#))

            let status = await serve.stop()
            #expect(status == 0, "\(serve.output.suffix(2000))")
        }
    }

    @Test("backup while serve polls: every copy is complete and checked; --targets.shard splits the targets")
    func backupAndShard() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        let database = directory.file("plesk.db")
        let log = directory.file("serve.log")
        try await Self.withSimulators(2) { simulators in
            try Self.writeConfig(simulators, to: config, global: "poll_interval: 1s")
            let serve = try ExporterProcess.serve(["--config.file", config, "--storage.path", database], log: log)
            _ = try await serve.port()
            for round in 0..<4 {
                try simulators[0].addDomain("during-backup-\(round).example")
                let copy = directory.file("backup-\(round).db")
                let backup = try await Self.run(["backup", "--storage.path", database, "--output", copy])
                #expect(backup.status == 0, "\(backup.stderr)")
                #expect(backup.stdout.contains("integrity ok"))
                let events = try await Self.run(["events", "--storage.path", copy, "--format", "json", "--include-baseline"])
                #expect(events.status == 0, "\(events.stderr)")
            }
            // A directory that does not exist is named, not reported as SQLite's "unable to open database file".
            let missing = directory.file("no-such-dir/copy.db")
            let refused = try await Self.run(["backup", "--storage.path", database, "--output", missing])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("the directory \(directory.file("no-such-dir")) does not exist"), "\(refused.stderr)")
            #expect(await serve.stop() == 0)

            // Sharded: each of two exporters polls only its share; together they poll each target once.
            var polled: [String] = []
            for shard in ["1/2", "2/2"] {
                let result = try await Self.run(
                    ["poll", "--config.file", config, "--storage.path", directory.file("shard.db"), "--targets.shard", shard,
                     "--format", "json"])
                #expect(result.status == 0, "\(result.stderr)")
                let reports = try #require(try Self.json(result.stdout) as? [[String: Any]])
                polled += reports.compactMap { ($0["poll"] as? [String: Any])?["target"] as? String }
            }
            #expect(polled.sorted() == ["web01", "web02"])
            let bad = try await Self.run(["poll", "--config.file", config, "--storage.path", database, "--targets.shard", "3/2"])
            #expect(bad.status == 64)
        }
        let missing = try await Self.run(["backup", "--storage.path", directory.file("nope.db"), "--output", directory.file("x.db")])
        #expect(missing.status == 2)
    }

    // MARK: demo

    @Test("demo serves a working exporter against its simulated servers and stops on SIGINT")
    func demo() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.file("demo.log")
        let demo = try ExporterProcess(
            [
                "demo", "--storage.path", directory.file("demo.db"), "--web.listen-address", "127.0.0.1:0",
                "--interval", "1s", "--churn", "1s",
            ], log: log)
        let port = try await demo.port(matching: #"open http://127\.0\.0\.1:(\d+)/"#)
        let base = "http://127.0.0.1:\(port)"
        var metrics = ""
        let up = await Self.eventually {
            metrics = try await Self.get(base + "/metrics").body
            return metrics.contains(#"plesk_up{target="web01",environment="demo"} 1"#)
                && metrics.contains(#"plesk_up{target="web02",environment="demo"} 1"#)
        }
        #expect(up, "\(metrics.prefix(2000))")
        #expect(try await Self.get(base + "/").body.contains("web01"))
        let status = await demo.stop(SIGINT)
        #expect(status == 0, "\(demo.output.suffix(2000))")
    }

    @Test("demo --simulator-only prints how to reach it and writes a configuration that polls it")
    func simulatorOnly() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.file("simulator.log")
        let config = directory.file("simulated.yml")
        let simulator = try ExporterProcess(
            ["demo", "--simulator-only", "--listen", "127.0.0.1:0", "--write-config", config, "--churn", "0"], log: log)
        let port = try await simulator.port(matching: #"url: +https://127\.0\.0\.1:(\d+)"#)
        let banner = simulator.output
        #expect(banner.contains("api_key:      \(Self.key)"))
        #expect(banner.range(of: #"fingerprint:  ([0-9A-F]{2}:){31}[0-9A-F]{2}"#, options: .regularExpression) != nil)
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains("url: https://127.0.0.1:\(port)"))
        // It holds the API key inline: readable by its owner only, so the next command does not warn about it.
        let mode = try FileManager.default.attributesOfItem(atPath: config)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let poll = try await Self.run(["poll", "--config.file", config, "--storage.path", directory.file("p.db")])
        #expect(poll.status == 0, "\(poll.stdout)\(poll.stderr)")
        #expect(poll.stdout.contains("baseline recorded"))
        #expect(!poll.stderr.contains("can read it"), "\(poll.stderr)")

        let status = await simulator.stop()
        #expect(status == 0, "\(simulator.output.suffix(2000))")
    }

    // MARK: helpers

    /// TestSupport's ``eventually(within:every:_:)``, treating a thrown error (a server not up yet) as "not yet".
    static func eventually(within deadline: Duration = .seconds(60), _ condition: () async throws -> Bool) async -> Bool {
        await TestSupport.eventually(within: deadline) { (try? await condition()) ?? false }
    }

    static func get(_ url: String) async throws -> (status: Int, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return (Int(response.status.code), String(buffer: body))
    }
}
