import ExporterConfig
import Foundation
import HummingbirdTesting
import InventoryModel
import Testing

@testable import Exporter

/// The reconciliation families of `/metrics` (SPEC §16), from the status after an evaluation.
@Suite("GET /metrics: reconciliation")
struct ReconciliationMetricsTests {
    private func scrape(_ harness: Harness) async throws -> (text: String, exposition: Exposition) {
        let text = try await harness.application().test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get).text
        }
        return (text, try Exposition(text))
    }

    static func record(_ id: Int64, _ finding: Finding, acknowledged: Bool = false, at seconds: Double = 0) -> FindingRecord {
        FindingRecord(
            id: id, finding: finding, openedAt: Date(timeIntervalSince1970: 1_800_000_000 + seconds),
            acknowledgedAt: acknowledged ? Date(timeIntervalSince1970: 1_800_000_100) : nil,
            acknowledgedBy: acknowledged ? "ops" : nil)
    }

    @Test("findings per target and kind with zeros, one info series per unacknowledged finding, sources' state")
    func families() async throws {
        let harness = try await Harness(
            expected: [ExpectedSourceConfiguration(name: "billing", file: "/srv/billing.csv")])
        await harness.status.reconciled(
            sources: [
                ExpectedSourceState(
                    name: "billing", up: false, rows: 120, lastSuccessAt: Date(timeIntervalSince1970: 1_800_000_000),
                    lastError: "malformed")
            ],
            open: [
                Self.record(1, Finding(kind: .unbilled, target: "web01", subscription: "a.example", actual: "active")),
                Self.record(
                    2,
                    Finding(
                        kind: .statusMismatch, target: "web01", subscription: "b.example", source: "billing", ref: "S-2",
                        expected: "terminated", actual: "active")),
                Self.record(
                    3, Finding(kind: .unbilled, target: "web01", subscription: "c.example", actual: "active"),
                    acknowledged: true),
                Self.record(
                    4, Finding(kind: .missing, target: "", subscription: "d.example", source: "billing", expected: "active")),
            ])
        let (text, metrics) = try await scrape(harness)
        #expect(metrics.value("plesk_reconcile_findings", ["target": "web01", "kind": "unbilled"]) == 2)
        #expect(metrics.value("plesk_reconcile_findings", ["target": "web01", "kind": "status_mismatch"]) == 1)
        #expect(metrics.value("plesk_reconcile_findings", ["target": "web02", "kind": "missing"]) == 0)
        #expect(metrics.value("plesk_reconcile_findings", ["target": "", "kind": "missing"]) == 1)
        #expect(metrics.samples("plesk_reconcile_findings").count == 2 * FindingKind.allCases.count + 1)
        let info = metrics.samples("plesk_reconcile_finding_info")
        #expect(info.count == 3)
        #expect(
            info.contains {
                $0.labels == [
                    "target": "web01", "datacenter": "fra1", "tier": "gold", "kind": "status_mismatch", "subscription": "b.example", "ref": "S-2",
                    "expected": "terminated", "actual": "active",
                ]
            })
        #expect(!info.contains { $0.labels["subscription"] == "c.example" })
        #expect(metrics.value("plesk_expected_source_up", ["source": "billing"]) == 0)
        #expect(metrics.value("plesk_expected_source_rows", ["source": "billing"]) == 120)
        #expect(
            metrics.value("plesk_expected_source_last_success_timestamp_seconds", ["source": "billing"]) == 1_800_000_000)
        let promtool = try Promtool.checkMetrics(text)
        #expect(promtool.status == 0, "\(promtool.output)")

        // Acknowledged through the API: its info series goes at once.
        await harness.status.findingAcknowledged(
            Self.record(
                2,
                Finding(
                    kind: .statusMismatch, target: "web01", subscription: "b.example", source: "billing", ref: "S-2",
                    expected: "terminated", actual: "active"), acknowledged: true))
        #expect(try await scrape(harness).exposition.samples("plesk_reconcile_finding_info").count == 2)
    }

    @Test("without sources there are no reconciliation families")
    func absent() async throws {
        let harness = try await Harness()
        let metrics = try await scrape(harness).exposition
        #expect(metrics.samples("plesk_reconcile_findings").isEmpty)
        #expect(metrics.samples("plesk_expected_source_up").isEmpty)
    }

    @Test("at most the oldest 50 unacknowledged findings per target and kind get an info series")
    func bounded() async throws {
        let harness = try await Harness(
            expected: [ExpectedSourceConfiguration(name: "billing", file: "/srv/billing.csv")])
        let open = (1...80).map { n in
            Self.record(
                Int64(n), Finding(kind: .unbilled, target: "web01", subscription: "s\(n).example"), at: Double(n))
        }
        await harness.status.reconciled(sources: [], open: open)
        let metrics = try await scrape(harness).exposition
        let info = metrics.samples("plesk_reconcile_finding_info")
        #expect(info.count == 50)
        #expect(info.contains { $0.labels["subscription"] == "s1.example" })
        #expect(!info.contains { $0.labels["subscription"] == "s51.example" })
        #expect(metrics.value("plesk_reconcile_findings", ["target": "web01", "kind": "unbilled"]) == 80)
    }
}
