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

    @Test("six planted differences give exactly six findings (exit 1); a truncated CSV changes none (exit 2); --ack")
    func fleet() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        let database = directory.file("data/plesk.db")
        let csv = directory.file("billing.csv")
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
                    try writeConfiguration(
                        to: config,
                        targets: [
                            web01.targetEntry(name: "web01"), web02.targetEntry(name: "web02"),
                            web03.targetEntry(name: "web03"),
                        ],
                        rest: "expected:\n  - {name: billing, file: billing.csv}")
                    let common = ["--config.file", config, "--storage.path", database]
                    let polled = try await CommandLineTests.run(["poll"] + common)
                    #expect(polled.status == 0, "\(polled.stderr)")

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
                    try billing.write(toFile: csv, atomically: true, encoding: .utf8)

                    let first = try await CommandLineTests.run(["reconcile", "--format", "json"] + common)
                    #expect(first.status == 1, "\(first.stderr)")
                    let findings = try #require(
                        try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
                    let summary = Set(findings.map { "\($0["kind"]!) \($0["target"]!)" })
                    #expect(
                        summary == [
                            "unbilled web01", "owner_mismatch web01", "plan_mismatch web02", "missing web02",
                            "status_mismatch web03", "missing ",
                        ])
                    #expect(findings.count == 6)
                    let unbilledName = try #require(findings.first { $0["kind"] as? String == "unbilled" }?["subscription"] as? String)
                    if unbilled.unicodeScalars.allSatisfy(\.isASCII) {
                        #expect(unbilledName == unbilled.lowercased())
                    } else {
                        #expect(unbilledName.contains("xn--"))
                    }

                    // A truncated export: nothing changes, the source is reported, exit 2.
                    try String(billing.prefix(billing.count / 2)).write(toFile: csv, atomically: true, encoding: .utf8)
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
        }
    }
}
