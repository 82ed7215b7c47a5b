import ExporterConfig
import Foundation
import InventoryModel
import TestSupport
import Testing

@Suite("Config: expected sources and reconcile")
struct ReconcileConfigTests {
    static func load(_ yaml: String) throws -> (ExporterConfiguration, String) {
        let directory = try TemporaryDirectory()
        let path = directory.file("plesk_exporter.yml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return (try ConfigLoader.load(path: path), directory.path)
    }

    static let targets = """
        targets:
          - name: web01
            url: https://web01.example.com:8443
            api_key: k
        """

    @Test("sources with renamed columns and intervals; waivers; guard settings")
    func full() throws {
        let (config, directory) = try Self.load(
            Self.targets + """

                expected:
                  - name: billing
                    file: billing.csv
                    columns: {subscription: Domain, plan: Product}
                  - name: other
                    file: /srv/other.csv
                    interval: 5m
                reconcile:
                  max_shrink: 0.5
                  confirm_reads: 2
                  waive:
                    - {kind: unbilled, subscription: "*.Internal.example"}
                    - {target: web01, kind: owner_mismatch}
                """)
        #expect(
            config.expected == [
                ExpectedSourceConfiguration(
                    name: "billing", file: directory + "/billing.csv", columns: ["subscription": "Domain", "plan": "Product"]),
                ExpectedSourceConfiguration(name: "other", file: "/srv/other.csv", interval: .seconds(300)),
            ])
        #expect(config.reconcile.maxShrink == 0.5)
        #expect(config.reconcile.confirmReads == 2)
        #expect(
            config.reconcile.waivers == [
                FindingWaiver(kind: .unbilled, subscription: "*.internal.example"),
                FindingWaiver(kind: .ownerMismatch, target: "web01"),
            ])
        #expect(config.reconcile.isWaived(Finding(kind: .unbilled, target: "web01", subscription: "test.internal.example")))
        #expect(!config.reconcile.isWaived(Finding(kind: .missing, target: "web01", subscription: "test.internal.example")))
        #expect(config.reconcile.isWaived(Finding(kind: .ownerMismatch, target: "web01", subscription: "a.example")))
        #expect(!config.reconcile.isWaived(Finding(kind: .ownerMismatch, target: "", subscription: "a.example")))
    }

    @Test("a webhook of findings only: match.events false, match.findings kinds")
    func findingWebhook() throws {
        let (config, _) = try Self.load(
            Self.targets + """

                notifications:
                  webhooks:
                    - url: https://hooks.example.com/billing
                      match: {events: false, findings: [unbilled, missing]}
                    - url: https://hooks.example.com/all
                """)
        #expect(config.notifications.webhooks.map(\.match) == [
            EventMatch(events: false, findings: [.unbilled, .missing]), EventMatch(),
        ])
        let error = #expect(throws: ConfigError.self) {
            try Self.load(
                Self.targets + "\nnotifications:\n  webhooks:\n    - {url: https://h.example/x, match: {findings: [unpaid]}}\n")
        }
        #expect(error?.problems.contains { $0.key.contains("findings") && $0.message.contains("unpaid") } == true)
    }

    @Test("none configured: no sources, default settings")
    func defaults() throws {
        let (config, _) = try Self.load(Self.targets)
        #expect(config.expected.isEmpty)
        #expect(config.reconcile == ReconcileSettings())
    }

    @Test(
        "mistakes name the key and line",
        arguments: [
            ("expected:\n  - file: a.csv\n", "expected[0].name"),
            ("expected:\n  - name: a\n", "expected[0].file"),
            ("expected:\n  - {name: a, file: a.csv}\n  - {name: a, file: b.csv}\n", "expected[1].name"),
            ("expected:\n  - {name: a, file: a.csv, url: https://x}\n", "expected[0].url"),
            ("expected:\n  - {name: a, file: a.csv, columns: {domain: Domain}}\n", "expected[0].columns.domain"),
            ("reconcile:\n  waive:\n    - {kind: unpaid}\n", "reconcile.waive[0].kind"),
            ("reconcile:\n  waive:\n    - {target: web09}\n", "reconcile.waive[0].target"),
            ("reconcile:\n  waive:\n    - {}\n", "reconcile.waive[0]"),
            ("reconcile:\n  max_shrink: 0\n", "reconcile.max_shrink"),
            ("reconcile:\n  confirm_reads: 0\n", "reconcile.confirm_reads"),
        ])
    func problems(yaml: String, key: String) throws {
        let error = #expect(throws: ConfigError.self) { try Self.load(Self.targets + "\n" + yaml) }
        #expect(error?.problems.contains { $0.key == key } == true, "\(error?.problems.map(\.key) ?? [])")
    }
}
