import Foundation
import Reports
import InventoryModel
import Testing

/// Subscriptions and service plans in a report (see ``SubscriptionScenario``): the facts, then each format.
@Suite("Reports: subscriptions and service plans")
struct SubscriptionReportTests {
    static let gib: Int64 = 1 << 30
    static let mib: Int64 = 1 << 20

    func week() async throws -> (scenario: ReportScenario, report: InventoryReport) {
        let scenario = try await SubscriptionScenario.run()
        return (
            scenario, try await scenario.report(from: SubscriptionScenario.start, to: SubscriptionScenario.end)
        )
    }

    @Test("counts by status and plan at both ends, suspended and expired at the end, largest and fastest-growing")
    func facts() async throws {
        let (_, report) = try await week()
        #expect(report.targets.map(\.target) == ["web01", "web02", "web03"])
        let web01 = try #require(report.targets[0].subscriptions)

        #expect(web01.firstCollected == nil)
        #expect(web01.start.at == SubscriptionScenario.start)
        #expect(web01.start.subscriptions == 5)
        #expect(web01.start.plans == 2)
        #expect(web01.start.byStatus == ["active": 4, "suspended_by_admin": 1])
        #expect(
            web01.start.byPlan == [
                "Basic": ["active": 2, "suspended_by_admin": 1], "Premium": ["active": 1], "": ["active": 1],
            ])
        #expect(web01.end.at == SubscriptionScenario.end)
        #expect(web01.end.subscriptions == 5)
        #expect(web01.end.plans == 2)
        #expect(web01.end.byStatus == ["active": 2, "expired": 1, "suspended_by_admin": 2])
        #expect(
            web01.end.byPlan == [
                "Basic": ["active": 1, "expired": 1, "suspended_by_admin": 2], "Premium": ["active": 1],
            ])
        #expect(web01.netChange.subscriptions == 0)
        #expect(web01.netChange.plans == 0)
        #expect(web01.netChange.byStatus == ["active": -2, "expired": 1, "suspended_by_admin": 1])
        #expect(web01.netChange.byPlan[""] == ["active": -1])

        // d.example is unsuspended one second after the end: still suspended in this report.
        #expect(web01.suspended.map(\.name) == ["a.example", "b.example", "d.example"])
        #expect(web01.expired.map(\.name) == ["a.example"])
        let a = try #require(web01.expired.first)
        #expect(a.states == ["expired", "suspended_by_admin"])
        #expect(a.plan == "Basic")
        #expect(a.owner == "alice")
        #expect(a.key == "sub-1")

        #expect(web01.usageRecorded)
        #expect(web01.largest.map(\.name) == ["c.example", "f.example", "b.example", "a.example", "d.example"])
        #expect(
            web01.largest.map(\.diskBytes) == [
                5 * Self.gib, 4 * Self.gib, 3 * Self.gib, 3 * Self.gib / 2, 100 * Self.mib,
            ])
        #expect(web01.largest.map(\.growthBytes) == [0, nil, Self.gib, Self.gib / 2, 0])
        #expect(web01.largest.map(\.plan) == ["Basic", "Premium", "Basic", "Basic", "Basic"])
        #expect(web01.fastestGrowing.map(\.name) == ["b.example", "a.example"])
        #expect(web01.fastestGrowing.map(\.growthBytes) == [Self.gib, Self.gib / 2])

        // Subscription and plan changes are changes of the period like any other, in time order.
        let changes = report.targets[0].changes
        #expect(
            changes.map { "\($0.kind.rawValue) \($0.change.rawValue) \($0.name)" } == [
                "subscription modified b.example", "subscription modified c.example", "subscription added f.example",
                "subscription removed e.example", "subscription modified a.example", "plan modified Premium",
            ])
        #expect(report.targets[0].count(.subscription, .modified) == 3)
        #expect(report.targets[0].count(.plan, .modified) == 1)
        // Subscriptions are neither domains nor clients in the daily counts.
        #expect(report.targets[0].daily.allSatisfy { $0.clients == 3 && $0.domains == 6 })

        #expect(report.targets[1].subscriptions == nil, "web02 does not collect subscriptions")
    }

    @Test("subscriptions first collected inside the period start there; a period before that has no section")
    func firstCollectedInside() async throws {
        let (scenario, report) = try await week()
        let web03 = try #require(report.targets[2].subscriptions)
        #expect(web03.firstCollected == utc("2027-02-03T10:00:00Z"))
        #expect(web03.start.at == utc("2027-02-03T10:00:00Z"))
        #expect(web03.start.subscriptions == 2)
        #expect(web03.start.plans == 1)
        #expect(web03.start.byPlan == ["Starter": ["active": 2]])
        #expect(web03.end.subscriptions == 3)
        #expect(web03.netChange.subscriptions == 1)
        // Their first inventory is not listed as changes; the one added later is.
        #expect(report.targets[2].changes.map(\.name) == ["z03.example"])
        #expect(web03.fastestGrowing.isEmpty)
        #expect(web03.largest.map(\.name) == ["y03.example", "z03.example", "x03.example"])
        #expect(web03.largest.map(\.growthBytes) == [0, nil, 0])
        // The polls before were successful, only the XML API kinds were not collected.
        #expect(report.targets[2].polls.successful == report.targets[2].polls.total)
        #expect(report.targets[2].polls.kindsNotCollected == ["subscription": 3, "plan": 3])
        #expect(report.targets[0].polls.kindsNotCollected.isEmpty)

        let markdown = report.render(.markdown)
        #expect(
            markdown.contains(
                "Subscriptions of web03 first collected at 2027-02-03 10:00:00 UTC: 2 subscriptions and 1 service "
                    + "plan (their first inventory, the starting point here; not listed as changes)."))
        #expect(
            WeekReportTests.squeezed(markdown).contains(
                "| | First 2027-02-03 10:00:00 | End 2027-02-08 00:00:00 | Change |"))
        #expect(
            markdown.contains(
                "- Not collected by successful polls (the XML API call failed; the last known state was kept): "
                    + "subscriptions 3, service plans 3."))

        let before = try await scenario.report(
            from: SubscriptionScenario.start, to: utc("2027-02-03T00:00:00Z"), targets: ["web03"])
        #expect(before.targets[0].subscriptions == nil)
        #expect(!before.render(.markdown).contains("Subscriptions"))
    }

    @Test("markdown: counts table, changes with states, plan and owner, suspended and expired, disk tables")
    func markdown() async throws {
        let (_, report) = try await week()
        let text = report.render(.markdown)
        let squeezed = WeekReportTests.squeezed(text)
        let tests = WeekReportTests()
        // The summary has subscription columns; a target that does not collect them shows dashes.
        #expect(
            squeezed.contains("| Target | Domains | Change | Clients | Change | Subscriptions | Change | Changes |"))
        #expect(squeezed.contains("| web01 | 6 | 0 | 3 | 0 | 5 | 0 | 6 |"))
        #expect(squeezed.contains("| web02 | 1 | 0 | 1 | 0 | — | — | 0 |"))

        let counts = try #require(tests.section(squeezed, "### Subscriptions\n", in: "web01"))
        #expect(counts.contains("| Subscriptions | 5 | 5 | 0 |"))
        #expect(counts.contains("| subscriptions: expired | 0 | 1 | +1 |"))
        #expect(counts.contains("| subscriptions: suspended_by_admin | 1 | 2 | +1 |"))
        #expect(counts.contains("| subscriptions: active | 4 | 2 | -2 |"))
        #expect(counts.contains("| plan Basic, active | 2 | 1 | -1 |"))
        #expect(counts.contains("| plan (no plan), active | 1 | 0 | -1 |"))
        #expect(counts.contains("| Service plans | 2 | 2 | 0 |"))
        // Order: totals, then statuses by precedence, then plans by name with "(no plan)" last.
        let expired = try #require(counts.range(of: "subscriptions: expired")).lowerBound
        let active = try #require(counts.range(of: "subscriptions: active")).lowerBound
        let noPlan = try #require(counts.range(of: "plan (no plan)")).lowerBound
        let premium = try #require(counts.range(of: "plan Premium")).lowerBound
        #expect(expired < active && premium < noPlan)

        let changes = try #require(tests.section(squeezed, "### Changes", in: "web01"))
        #expect(changes.contains("1 subscription added, 1 removed, 3 modified; 1 plan modified."))
        #expect(changes.contains("| subscription | modified | b.example | states: active → suspended_by_admin |"))
        #expect(changes.contains("| subscription | modified | c.example | plan: Premium → Basic |"))
        #expect(changes.contains("| subscription | added | f.example | active, plan Premium, owner bob |"))
        #expect(changes.contains("| subscription | removed | e.example | active, owner admin |"))
        #expect(
            changes.contains("| subscription | modified | a.example | states: active → expired+suspended_by_admin |"))
        #expect(changes.contains("| plan | modified | Premium | limits.disk_space: 50.0 GiB → 100.0 GiB |"))
        #expect(!changes.contains("status: 0"), "the raw bit mask is not repeated beside the states")
        #expect(!changes.contains("plan_guid"), "nor the plan's guid beside its name")

        let suspended = try #require(tests.section(squeezed, "### Suspended and expired subscriptions", in: "web01"))
        #expect(suspended.contains("3 subscriptions suspended and 1 expired at the end of the period."))
        #expect(suspended.contains("| a.example | Basic | alice | expired+suspended_by_admin |"))
        #expect(suspended.contains("| b.example | Basic | bob | suspended_by_admin |"))
        #expect(suspended.contains("| d.example | Basic | alice | suspended_by_admin |"))

        let disk = try #require(tests.section(squeezed, "### Subscriptions by disk", in: "web01"))
        #expect(disk.contains("| 1 | c.example | Basic | 5.0 GiB | 0 B |"))
        #expect(disk.contains("| 2 | f.example | Premium | 4.0 GiB | — |"))
        #expect(disk.contains("| 5 | d.example | Basic | 100.0 MiB | 0 B |"))
        #expect(disk.contains("Fastest-growing during the period:"))
        #expect(
            disk.contains(
                "| 1 | b.example | Basic | +1.0 GiB | 3.0 GiB |\n| 2 | a.example | Basic | +512.0 MiB | 1.5 GiB |"))

        // Nothing about subscriptions for the target that does not collect them.
        let web02 = try #require(text.range(of: "## web02\n")).upperBound
        let web03 = try #require(text.range(of: "## web03\n")).lowerBound
        #expect(!text[web02..<web03].contains("ubscription"))
    }

    @Test("JSON: the subscription section decoded, null for a target that does not collect them")
    func json() async throws {
        let (_, report) = try await week()
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let targets = try #require(object["targets"] as? [[String: Any]])
        let web01 = try #require(targets[0]["subscriptions"] as? [String: Any])
        #expect(web01["first_collected"] is NSNull)
        let start = try #require(web01["start"] as? [String: Any])
        #expect(start["at"] as? String == "2027-02-01T00:00:00Z")
        #expect(start["subscriptions"] as? Int == 5)
        #expect(start["plans"] as? Int == 2)
        #expect(start["subscriptions_by_status"] as? [String: Int] == ["active": 4, "suspended_by_admin": 1])
        #expect((start["subscriptions_by_plan"] as? [String: [String: Int]])?[""] == ["active": 1])
        let net = try #require(web01["net_change"] as? [String: Any])
        #expect(net["subscriptions"] as? Int == 0)
        #expect(
            net["subscriptions_by_status"] as? [String: Int] == ["active": -2, "expired": 1, "suspended_by_admin": 1])
        let suspended = try #require(web01["suspended"] as? [[String: Any]])
        #expect(suspended.compactMap { $0["name"] as? String } == ["a.example", "b.example", "d.example"])
        #expect(suspended.first?["states"] as? [String] == ["expired", "suspended_by_admin"])
        #expect(suspended.first?["owner"] as? String == "alice")
        #expect((web01["expired"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["sub-1"])
        #expect(web01["usage_recorded"] as? Bool == true)
        let largest = try #require(web01["largest_by_disk"] as? [[String: Any]])
        #expect(largest.first?["name"] as? String == "c.example")
        #expect((largest.first?["disk_bytes"] as? NSNumber)?.int64Value == 5 * Self.gib)
        #expect(largest[1]["growth_bytes"] is NSNull)
        let growing = try #require(web01["fastest_growing_by_disk"] as? [[String: Any]])
        #expect(growing.compactMap { ($0["growth_bytes"] as? NSNumber)?.int64Value } == [Self.gib, Self.gib / 2])

        let counts = try #require(targets[0]["change_counts"] as? [String: [String: Int]])
        #expect(counts["subscription"] == ["added": 1, "removed": 1, "modified": 3])
        #expect(counts["plan"] == ["added": 0, "removed": 0, "modified": 1])
        let held = try #require(targets[0]["held_removals"] as? [String: Any])
        #expect(held["subscriptions"] as? Int == 0 && held["plans"] as? Int == 0)
        #expect((targets[0]["polls"] as? [String: Any])?["kinds_not_collected"] as? [String: Int] == [:])
        #expect(
            (targets[2]["polls"] as? [String: Any])?["kinds_not_collected"] as? [String: Int] == [
                "subscription": 3, "plan": 3,
            ])

        #expect(targets[1]["subscriptions"] is NSNull)
        let web03 = try #require(targets[2]["subscriptions"] as? [String: Any])
        #expect(web03["first_collected"] as? String == "2027-02-03T10:00:00Z")
    }

    @Test("HTML and CSV: the same sections, and subscription changes as rows")
    func htmlAndCSV() async throws {
        let (_, report) = try await week()
        let html = report.render(.html)
        for heading in ["Subscriptions", "Suspended and expired subscriptions", "Subscriptions by disk"] {
            #expect(html.contains("<h3>\(heading)</h3>"), "\(heading)")
        }
        #expect(html.contains("<th class=\"num\">Subscriptions</th>"))
        #expect(html.contains("states: active → expired+suspended_by_admin"))
        #expect(html.contains("<td>expired+suspended_by_admin</td>"))
        #expect(html.contains("<td class=\"num\">+1.0 GiB</td>"))
        WeekReportTests.expectSelfContained(html)

        let rows = try CSV.parse(String(report.render(.csv).dropFirst())).dropFirst()
        let web01 = rows.filter { $0[0] == "web01" }
        #expect(web01.map { $0[2] } == Array(repeating: "subscription", count: 5) + ["plan"])
        let suspension = try #require(web01.first { $0[4] == "b.example" })
        #expect(suspension[6] == "states status")
        #expect(suspension[7] == #"{"states":["active"],"status":0}"#)
        #expect(suspension[8] == #"{"states":["suspended_by_admin"],"status":16}"#)
    }
}
