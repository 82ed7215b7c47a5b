import Foundation
import TestSupport
import PleskSimulator
import Testing

/// The real binary's subcommands against the simulator.
@Suite("Command line", .tags(.endToEnd))
struct CommandLineTests {
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) async throws
        -> ChildProcess.Output
    {
        try await ChildProcess.run(try exporterBinary(), arguments, environment: environment, stdin: stdin)
    }

    @Test("poll, events --format json, inventory --format csv and --at, against HTTPS")
    func pollEventsInventory() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        let database = directory.file("data/plesk.db")
        let key = SimulatedPlesk.Configuration.defaultAPIKey
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration, inventory: .demo()) { plesk in
            try plesk.writeConfiguration(to: config, apiKey: "${TEST_PLESK_KEY}", target: "labels: {datacenter: test}")
            let common = ["--config.file", config, "--storage.path", database]
            let env = ["TEST_PLESK_KEY": key]

            let baseline = try await Self.run(["poll"] + common, environment: env)
            #expect(baseline.status == 0, "\(baseline.stderr)")
            #expect(baseline.stdout.contains("baseline recorded"))
            // The table counts the baseline's events (one per object) without listing them.
            let row = try #require(baseline.stdout.split(separator: "\n").first { $0.hasPrefix("web01") })
            let counts = row.split(separator: " ").dropFirst(2).prefix(5).compactMap { Int($0) }
            #expect(counts.count == 5 && counts[4] == counts[0] + counts[1] + counts[2] + counts[3], "\(row)")
            #expect(!baseline.stdout.contains("(baseline)"))
            let between = Date()

            try plesk.addDomain("cli-test.example")
            let second = try await Self.run(["poll", "--format", "json"] + common, environment: env)
            #expect(second.status == 0)
            let results = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]])
            let poll = try #require(results.first?["poll"] as? [String: Any])
            #expect(poll["result"] as? String == "success")
            #expect(poll["target"] as? String == "web01")
            #expect(poll["event_count"] as? Int == 2, "the domain and the subscription it is the main domain of")
            let polled = try #require(results.first?["events"] as? [[String: Any]])
            #expect(Set(polled.map { $0["object"] as? String }) == ["domain", "subscription"])
            #expect(polled.allSatisfy { $0["name"] as? String == "cli-test.example" })

            let events = try await Self.run(["events", "--format", "json", "--change", "added", "--object", "domain", "--since", "1h"] + common)
            #expect(events.status == 0)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(events.stdout.utf8)) as? [[String: Any]])
            let added = try #require(list.last)
            #expect(added["name"] as? String == "cli-test.example")
            #expect(added["baseline"] as? Bool == false)
            #expect(added["object"] as? String == "domain")
            #expect(added["key"] as? String == plesk.inventory.domain(named: "cli-test.example")?.guid)
            #expect(
                Set(added.keys) == [
                    "id", "target", "object", "change", "key", "name", "at", "poll_id", "baseline", "acknowledged",
                    "acknowledged_at", "acknowledged_by", "acknowledge_comment", "changed_fields", "before", "after",
                ])

            let now = try await Self.run(["inventory", "--format", "csv", "--object", "domain"] + common)
            #expect(now.status == 0)
            let lines = now.stdout.split(separator: "\n")
            #expect(lines.first == "target,object,key,name,first_seen,version_since,fields")
            #expect(lines.count == plesk.inventory.domains.count + 1)
            #expect(now.stdout.contains(",cli-test.example,"))

            let before = try await Self.run(
                ["inventory", "--format", "json", "--object", "domain", "--at", String(between.timeIntervalSince1970)] + common)
            let past = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]])
            #expect(past.count == plesk.inventory.domains.count - 1)
            #expect(!past.contains { $0["name"] as? String == "cli-test.example" })

            // Secrets never reach output, even with a failing target.
            plesk.inject(.status(401), on: .domains)
            let failed = try await Self.run(["poll"] + common, environment: env)
            #expect(failed.status == 1)
            #expect(failed.stdout.contains("auth"))
            #expect(!failed.stdout.contains(key) && !failed.stderr.contains(key))
        }
    }

    @Test("check-config names file, line and key for every problem, and exits 1")
    func checkConfig() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("bad.yml")
        try """
        global:
          poll_interval: 5 minutes
        targets:
          - name: web01
            url: https://web01.example.com:8443
            api_key: super-secret-key-value
            colour: blue
          - name: web01
            url: ftp://nowhere
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let output = try await Self.run(["check-config", "--config.file", config])
        #expect(output.status == 1)
        #expect(output.stdout.contains("bad.yml:2: global.poll_interval"))
        #expect(output.stdout.contains("bad.yml:7: targets[0].colour"))
        #expect(output.stdout.contains("targets[1].name"))
        #expect(output.stdout.contains("targets[1].url"))
        #expect(!output.stdout.contains("super-secret-key-value"))
    }

    @Test("check-config --probe: both APIs answer; an XML API refused says what to change on the Plesk side, exit 1")
    func probe() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration, inventory: .demo()) { plesk in
            try plesk.writeConfiguration(to: config)
            let good = try await Self.run(["check-config", "--probe", "--config.file", config])
            #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
            #expect(good.stdout.contains("probe web01: REST API OK"))
            let plans = plesk.inventory.servicePlans.filter { $0.kind == .service }.count
            #expect(good.stdout.contains("probe web01: XML API OK (\(plans) service plans)"))

            plesk.inject(.apiRefused(.permissionDenied), on: .xmlServicePlan)
            let refused = try await Self.run(["check-config", "--probe", "--config.file", config])
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("probe web01: REST API OK"))
            #expect(refused.stdout.contains("probe web01: XML API FAILED"))
            #expect(refused.stdout.contains("refused"))
            #expect(refused.stdout.contains("allowedIPs"))
            #expect(!refused.stdout.contains(SimulatedPlesk.Configuration.defaultAPIKey))
        }
    }

    @Test("create-api-key prints a key the simulator accepts; the password comes from standard input")
    func createAPIKey() async throws {
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
            let output = try await Self.run(
                ["create-api-key", "--url", plesk.url, "--tls.insecure-skip-verify", "--description", "test"],
                stdin: SimulatedPlesk.Configuration.defaultPassword + "\n")
            #expect(output.status == 0, "\(output.stderr)")
            let key = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(plesk.issuedAPIKeys.map(\.key) == [key])
            #expect(!output.stderr.contains(SimulatedPlesk.Configuration.defaultPassword))

            let wrong = try await Self.run(
                ["create-api-key", "--url", plesk.url, "--tls.insecure-skip-verify"],
                environment: ["PLESK_PASSWORD": "wrong-password-123"])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("auth"))
            #expect(!wrong.stderr.contains("wrong-password-123"))
        }
    }

    @Test("--version prints the version")
    func version() async throws {
        let output = try await Self.run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("plesk_exporter 0."))
    }
}
