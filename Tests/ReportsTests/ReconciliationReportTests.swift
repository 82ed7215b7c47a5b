import Foundation
import InventoryModel
import Reports
import Storage
import TestSupport
import Testing

/// The report's billing reconciliation section: findings open at the end of the period, opened and closed during
/// it, in every format that has sections; absent without findings.
@Suite("Reports: billing reconciliation")
struct ReconciliationReportTests {
    @Test("open at the end, opened and closed during the period; the period's bounds as for changes")
    func section() async throws {
        let scenario = try ReportScenario(targets: [(name: "web01", collectOwners: false)], start: utc("2027-01-10T00:00:00Z"))
        scenario.source("web01").update { $0.domains = [.make(1, "a.example")] }
        try await scenario.poll("web01", at: utc("2027-01-10T00:00:00Z"))
        let findings = try #require(scenario.store as? any ReconciliationStore)
        let all: Set<String> = ["web01", ""]
        // Before the period, closed in it: closed. Opened in it, still open: opened and open. Opened before, open
        // through: open. Opened and closed inside: opened and closed.
        _ = try await findings.applyFindings(
            [
                Finding(kind: .unbilled, target: "web01", subscription: "old.example", actual: "active"),
                Finding(kind: .missing, target: "", subscription: "lost.example", source: "billing", expected: "active"),
            ],
            scope: all, at: utc("2027-01-10T12:00:00Z"))
        _ = try await findings.applyFindings(
            [
                Finding(kind: .missing, target: "", subscription: "lost.example", source: "billing", expected: "active"),
                Finding(
                    kind: .statusMismatch, target: "web01", subscription: "gone.example", source: "billing", ref: "S-9",
                    expected: "terminated", actual: "active"),
                Finding(kind: .planMismatch, target: "web01", subscription: "brief.example", expected: "A", actual: "B"),
            ],
            scope: all, at: utc("2027-01-12T00:00:00Z"))
        _ = try await findings.applyFindings(
            [
                Finding(kind: .missing, target: "", subscription: "lost.example", source: "billing", expected: "active"),
                Finding(
                    kind: .statusMismatch, target: "web01", subscription: "gone.example", source: "billing", ref: "S-9",
                    expected: "terminated", actual: "active"),
            ],
            scope: all, at: utc("2027-01-13T00:00:00Z"))
        try await scenario.poll("web01", at: utc("2027-01-14T00:00:00Z"))
        let start = utc("2027-01-11T00:00:00Z")
        let end = utc("2027-01-14T00:00:00Z")
        let report = try await Reports.ReportBuilder(
            store: scenario.store, options: ReportOptions(period: try ReportPeriod(start: start, end: end)),
            findings: findings
        ).build()
        let reconciliation = try #require(report.reconciliation)
        #expect(Set(reconciliation.open.map(\.finding.subscription)) == ["lost.example", "gone.example"])
        #expect(Set(reconciliation.opened.map(\.finding.subscription)) == ["gone.example", "brief.example"])
        #expect(reconciliation.closed.map(\.finding.subscription) == ["old.example", "brief.example"])

        let markdown = report.render(.markdown)
        #expect(markdown.contains("## Billing reconciliation"))
        #expect(markdown.contains("2 findings open at the end of the period; 2 opened and 2 closed during it."))
        #expect(markdown.contains("| status_mismatch | web01"))
        #expect(markdown.contains("| missing         | (any)"))
        let html = report.render(.html)
        #expect(html.contains("<h2>Billing reconciliation</h2>"))
        #expect(html.contains("gone.example"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let section = try #require(json["reconciliation"] as? [String: Any])
        #expect((section["open"] as? [[String: Any]])?.count == 2)
        #expect((section["closed"] as? [[String: Any]])?.first?["closed_at"] as? String == "2027-01-12T00:00:00Z")

        // One target only: the fleet-wide finding (target "") is not its own.
        let one = try await Reports.ReportBuilder(
            store: scenario.store,
            options: ReportOptions(period: try ReportPeriod(start: start, end: end), targets: ["web01"]),
            findings: findings
        ).build()
        #expect(one.reconciliation?.open.map(\.finding.subscription) == ["gone.example"])

        // No finding in a period: no section.
        let later = try await Reports.ReportBuilder(
            store: scenario.store,
            options: ReportOptions(period: try ReportPeriod(start: utc("2027-01-13T12:00:00Z"), end: end), targets: ["web01"]),
            findings: findings
        ).build()
        #expect(later.reconciliation?.opened.isEmpty == true)
        let none = try await scenario.report(from: start, to: end)
        #expect(none.reconciliation == nil)
        #expect(!none.render(.markdown).contains("Billing reconciliation"))
    }
}
