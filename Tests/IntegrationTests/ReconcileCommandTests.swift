import Foundation
import InventoryModel
import PleskSimulator
import TestSupport
import Testing

/// `plesk_exporter reconcile` (the binary) against three simulated servers and a CSV of their billing.
@Suite("Reconciliation: the reconcile command", .tags(.endToEnd))
struct ReconcileCommandTests {
    /// One CSV row per subscription of `plesk`, as billing would state it, on server `server`.
    static func rows(_ plesk: SimulatedPlesk, server: String) -> [(name: String, line: String)] {
        let inventory = plesk.inventory
        return inventory.subscriptions.compactMap { subscription in
            guard let domain = inventory.domain(id: subscription.id) else { return nil }
            let suspended =
                SubscriptionStatus.isSuspended(subscription.status.rawValue)
                || SubscriptionStatus.isExpired(subscription.status.rawValue)
            return (domain.name, "\(domain.name),\(suspended ? "Suspended" : "Active"),\(server),,,S-\(subscription.id)")
        }
    }

    /// Three simulated servers (web01, web02, web03) configured as targets with a billing CSV beside the
    /// configuration: every subscription listed as it is, but six differences planted — one never billed, one owned
    /// by someone else, one on another plan, one terminated in billing, one billed on web02 that no server has, one
    /// billed without a server that no server has.
    struct Fleet {
        let config: String
        let database: String
        let csv: String
        let billing: String
        let unbilled: String

        static let planted: Set<String> = [
            "unbilled web01", "owner_mismatch web01", "plan_mismatch web02", "missing web02", "status_mismatch web03",
            "missing ",
        ]
    }

    static func withFleet(config extra: String = "", _ body: (Fleet) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        let quiet = SimulatedPlesk.quietConfiguration
        try await SimulatedPlesk.withRunning(
            configuration: quiet, inventory: .generate(domains: 30, clients: 6, subscriptions: 12, seed: 1)
        ) { web01 in
            try await SimulatedPlesk.withRunning(
                configuration: quiet, inventory: .generate(domains: 30, clients: 6, subscriptions: 12, seed: 2)
            ) { web02 in
                try await SimulatedPlesk.withRunning(
                    configuration: quiet, inventory: .generate(domains: 30, clients: 6, subscriptions: 12, seed: 3)
                ) { web03 in
                    let config = directory.file("plesk_exporter.yml")
                    try writeConfiguration(
                        to: config, global: "poll_interval: 1s",
                        targets: [
                            web01.targetEntry(name: "web01"), web02.targetEntry(name: "web02"),
                            web03.targetEntry(name: "web03"),
                        ],
                        rest: "expected:\n  - {name: billing, file: billing.csv, interval: 1s}\n" + extra)
                    var one = Self.rows(web01, server: "web01")
                    var two = Self.rows(web02, server: "web02")
                    var three = Self.rows(web03, server: "WEB03")
                    let unbilled = one.removeFirst().name
                    // Owner and plan named only where they are planted: both sides must name one to differ.
                    let ownerRow = one[0].line.split(separator: ",", omittingEmptySubsequences: false)
                    one[0].line = [ownerRow[0], ownerRow[1], ownerRow[2], "someone-else", "", ownerRow[5]].joined(separator: ",")
                    let planRow = two[0].line.split(separator: ",", omittingEmptySubsequences: false)
                    two[0].line = [planRow[0], planRow[1], planRow[2], "", "No Such Plan", planRow[5]].joined(separator: ",")
                    let terminated = try #require(three.firstIndex { $0.line.contains(",Active,") })
                    three[terminated].line = three[terminated].line.replacingOccurrences(of: ",Active,", with: ",Terminated,")
                    let billing =
                        "subscription,status,server,owner,plan,ref\n"
                        + (one + two + three).map(\.line).joined(separator: "\n")
                        + "\nghost.example,Active,web02,,,G-1\nnowhere.example,active,,,,G-2\n"
                    let fleet = Fleet(
                        config: config, database: directory.file("data/plesk.db"), csv: directory.file("billing.csv"),
                        billing: billing, unbilled: unbilled)
                    try billing.write(toFile: fleet.csv, atomically: true, encoding: .utf8)
                    try await body(fleet)
                }
            }
        }
    }

    /// Findings as "kind target".
    static func summary(_ findings: [[String: Any]]) -> Set<String> {
        Set(findings.map { "\($0["kind"]!) \($0["target"]!)" })
    }

    @Test("six planted differences give exactly six findings (exit 1); a truncated CSV changes none (exit 2); --ack")
    func fleet() async throws {
        try await Self.withFleet { fleet in
            let common = ["--config.file", fleet.config, "--storage.path", fleet.database]
            let polled = try await CommandLineTests.run(["poll"] + common)
            #expect(polled.status == 0, "\(polled.stderr)")

            let first = try await CommandLineTests.run(["reconcile", "--format", "json"] + common)
            #expect(first.status == 1, "\(first.stderr)")
            let findings = try #require(
                try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
            #expect(Self.summary(findings) == Fleet.planted)
            #expect(findings.count == 6)
            let unbilledName = try #require(findings.first { $0["kind"] as? String == "unbilled" }?["subscription"] as? String)
            if fleet.unbilled.unicodeScalars.allSatisfy(\.isASCII) {
                #expect(unbilledName == fleet.unbilled.lowercased())
            } else {
                #expect(unbilledName.contains("xn--"))
            }

            // A truncated export: nothing changes, the source is reported, exit 2.
            try String(fleet.billing.prefix(fleet.billing.count / 2)).write(toFile: fleet.csv, atomically: true, encoding: .utf8)
            let truncated = try await CommandLineTests.run(["reconcile", "--format", "csv"] + common)
            #expect(truncated.status == 2, "\(truncated.stderr)")
            #expect(truncated.stderr.contains("billing"))
            #expect(truncated.stdout.split(separator: "\n").count == 7, "a header and the same six")

            // Acknowledged: still open, and says by whom.
            let id = try #require(findings.first?["id"] as? Int)
            let acked = try await CommandLineTests.run(
                ["reconcile", "--ack", String(id), "--comment", "known", "--by", "ops", "--format", "json"] + common)
            #expect(acked.status == 0, "\(acked.stderr)")
            #expect(acked.stdout.contains(#""acknowledged_by" : "ops""#))
        }
    }

    @Test(
        "serve: the six findings in the API, /metrics, the report and a webhook; a truncated CSV freezes them; reconcile reads serve's"
    )
    func serve() async throws {
        let receiver = WebhookReceiver()
        try await receiver.withRunning { port in
        let hook = """
            notifications:
              webhooks:
                - url: http://127.0.0.1:\(port)/findings
                  match: {events: false, findings: [unbilled, missing, status_mismatch, plan_mismatch, owner_mismatch]}
            """
        try await Self.withFleet(config: hook) { fleet in
            let exporter = try ExporterProcess.serve(
                ["--config.file", fleet.config, "--storage.path", fleet.database],
                log: URL(fileURLWithPath: fleet.config).deletingLastPathComponent().appendingPathComponent("serve.log").path)
            let base = "http://127.0.0.1:\(try await exporter.port())"
            var open: [[String: Any]] = []
            let found = await EndToEndTests.eventually(within: .seconds(60)) {
                let body = try await EndToEndTests.get(base + "/api/v1/reconciliation").body
                let data = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["data"] as? [String: Any]
                open = data?["open"] as? [[String: Any]] ?? []
                return Self.summary(open) == Fleet.planted
            }
            #expect(found, "open: \(Self.summary(open))")
            #expect(open.count == 6)

            let metrics = try await EndToEndTests.get(base + "/metrics").body
            let info = metrics.split(separator: "\n").filter { $0.hasPrefix("plesk_reconcile_finding_info{") }
            #expect(info.count == 6)
            #expect(metrics.contains(#"plesk_reconcile_findings{target="web02",kind="missing"} 1"#))
            #expect(metrics.contains(#"plesk_expected_source_up{source="billing"} 1"#))

            let report = try await EndToEndTests.get(base + "/api/v1/report?since=1h").body
            let reportData = (try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])?["data"] as? [String: Any]
            let section = reportData?["reconciliation"] as? [String: Any]
            #expect((section?["open"] as? [[String: Any]])?.count == 6)

            // Truncated: the source goes down, the findings stay exactly as they were.
            try String(fleet.billing.prefix(fleet.billing.count / 2)).write(toFile: fleet.csv, atomically: true, encoding: .utf8)
            let down = await EndToEndTests.eventually(within: .seconds(30)) {
                try await EndToEndTests.get(base + "/metrics").body.contains(#"plesk_expected_source_up{source="billing"} 0"#)
            }
            #expect(down)
            let after = try await EndToEndTests.get(base + "/api/v1/reconciliation").body
            let afterData = (try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])?["data"] as? [String: Any]
            let stillOpen = afterData?["open"] as? [[String: Any]] ?? []
            #expect(Set(stillOpen.compactMap { $0["id"] as? Int }) == Set(open.compactMap { $0["id"] as? Int }))
            let sources = afterData?["sources"] as? [[String: Any]]
            #expect((sources?.first?["last_error"] as? String)?.contains("malformed") == true)

            // While serve holds the database, reconcile shows its last evaluation.
            let shown = try await CommandLineTests.run(
                ["reconcile", "--format", "json", "--config.file", fleet.config, "--storage.path", fleet.database])
            #expect(shown.status == 2, "\(shown.stderr)")
            #expect(shown.stderr.contains("showing its last evaluation"))

            // Each finding that opened reached the webhook, once; no change event did.
            let delivered = await EndToEndTests.eventually(within: .seconds(30)) { await receiver.requests.count >= 6 }
            #expect(delivered)
            let bodies = await receiver.payloads.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(bodies.count == 6)
            #expect(bodies.allSatisfy { $0["type"] as? String == "finding" && $0["change"] as? String == "opened" })
            #expect(Self.summary(bodies.compactMap { $0["finding"] as? [String: Any] }) == Fleet.planted)
            _ = await exporter.stop()
        }
        }
    }
}
