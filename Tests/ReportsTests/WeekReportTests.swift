import Foundation
import Reports
import InventoryModel
import Storage
import Testing

/// A scripted week (see ``WeekScenario``): the report's facts, then each format on content.
@Suite("Reports: a scripted week of two targets")
struct WeekReportTests {
    /// In time order; within one poll as the detector reports them (additions before removals).
    static let changesOfWeb01 = [
        "after-start.example", "bob", "shop.example", "site9.example", "dave", "renamed.example",
    ]
    /// Changes outside the week: one second before its start and one second after its end.
    static let outside = ["before-start.example", "after-end.example"]

    func week() async throws -> (scenario: ReportScenario, report: InventoryReport) {
        let scenario = try await WeekScenario.run()
        return (scenario, try await scenario.report(from: WeekScenario.start, to: WeekScenario.end))
    }

    @Test("counts, changes inside the period only, top clients, polls, held removals, unacknowledged, daily counts")
    func facts() async throws {
        let (_, report) = try await week()
        #expect(report.targets.map(\.target) == ["web01", "web02"])
        let web01 = report.targets[0]

        #expect(web01.baseline == nil)
        #expect(web01.start.at == WeekScenario.start)
        #expect(web01.start.domains == 12)
        #expect(web01.start.domainsByHostingType == ["virtual": 11, "none": 1])
        #expect(web01.start.clients == 5)
        #expect(
            web01.start.clientsByAccountType == [
                "admin": ["active": 1], "customer": ["active": 3], "reseller": ["active": 1],
            ])
        #expect(web01.end.domains == 13)
        #expect(web01.end.clientsByAccountType["customer"] == ["active": 3, "disabled": 1])
        #expect(web01.netChange.domains == 1)
        #expect(web01.netChange.clients == 1)
        #expect(web01.netChange.clientsByAccountType["customer"] == ["active": 0, "disabled": 1])

        // One second after the start and one before the end are in; one before the start and one after the end are not.
        #expect(web01.changes.map(\.name) == Self.changesOfWeb01)
        #expect(web01.changes.map(\.change) == [.added, .modified, .added, .removed, .added, .modified])
        #expect(web01.changes.first?.at == utc("2027-01-18T00:00:01Z"))
        #expect(web01.changes.last?.at == utc("2027-01-24T23:59:59Z"))
        let rename = try #require(web01.changes.last)
        #expect(rename.changedFields == ["ascii_name", "name"])
        #expect(rename.before?["name"] == .string("site1.example"))
        #expect(rename.after?["name"] == .string("renamed.example"))
        let removal = try #require(web01.changes.first { $0.change == .removed })
        #expect(removal.acknowledgedBy == "alice")
        #expect(removal.acknowledgeComment == "planned migration")
        #expect(web01.count(.domain, .added) == 2)
        #expect(web01.count(.client, .modified) == 1)

        #expect(web01.topClients.ownersCollected)
        #expect(web01.topClients.clients.map(\.login) == ["alice", "bob", "carol"])
        #expect(web01.topClients.clients.map(\.domains) == [8, 3, 1])
        #expect(web01.topClients.clients.first?.name == "Alice")
        #expect(web01.topClients.domainsWithoutOwner == 1)

        #expect(web01.polls.total == 170)
        #expect(web01.polls.successful == 166)
        #expect(web01.polls.failuresByReason == ["timeout": 3, "auth": 1])
        #expect(web01.polls.longestGap?.from == utc("2027-01-20T02:20:00Z"))
        #expect(web01.polls.longestGap?.until == utc("2027-01-20T07:20:00Z"))

        // Held at the end; confirmed one second later, so their names are no longer on record.
        #expect(web01.heldRemovals.domains == 4)
        #expect(web01.heldRemovals.clients == 0)
        #expect(web01.heldRemovals.asOf == utc("2027-01-24T23:59:59Z"))
        #expect(web01.heldRemovals.objects == nil)

        #expect(
            web01.unacknowledged.map(\.name) == ["old.example"] + Self.changesOfWeb01.filter { $0 != "site9.example" })
        #expect(web01.unacknowledgedInPeriod == 5)

        #expect(
            web01.daily.map(\.at) == [WeekScenario.start] + (19...24).map { utc("2027-01-\($0)T00:00:00Z") } + [
                WeekScenario.end
            ])
        #expect(web01.daily.map(\.domains) == [12, 13, 13, 13, 13, 13, 13, 13])
        #expect(web01.daily.map(\.clients) == [5, 5, 5, 5, 5, 6, 6, 6])

        let web02 = report.targets[1]
        #expect(web02.baseline == BaselineRecord(at: utc("2027-01-21T09:00:00Z"), domains: 3, clients: 2))
        #expect(web02.start.at == utc("2027-01-21T09:00:00Z"))
        #expect(web02.changes.map(\.name) == ["new02.example"])
        #expect(web02.netChange.domains == 1)
        #expect(!web02.topClients.ownersCollected)
        #expect(web02.polls.total == 16)
        #expect(web02.polls.successful == 16)
        #expect(web02.polls.longestGap?.seconds == 21_600)
        #expect(web02.daily.map(\.domains) == [3, 3, 3, 4, 4])
    }

    @Test("markdown: every change with its time, fields before → after and who acknowledged it; one baseline line")
    func markdown() async throws {
        let (_, report) = try await week()
        let text = report.render(.markdown)
        // Table cells are padded for the terminal; compare with runs of spaces squeezed.
        let squeezed = Self.squeezed(text)
        let changes = try #require(section(squeezed, "### Changes", in: "web01"))
        for name in Self.changesOfWeb01 { #expect(changes.contains(name), "\(name)") }
        for name in Self.outside { #expect(!text.contains(name), "\(name)") }
        #expect(
            changes.contains(
                "| 2027-01-18 00:00:01 | domain | added | after-start.example | virtual, owner alice | — |"))
        #expect(
            changes.contains("ascii_name: site1.example → renamed.example; name: site1.example → renamed.example |"))
        #expect(changes.contains("status: active → disabled"))
        #expect(
            changes.contains("| domain | removed | site9.example | virtual, owner carol | alice: planned migration |"))
        #expect(text.contains("Period: 2027-01-18 00:00:00 → 2027-01-25 00:00:00 UTC (7d)"))
        #expect(squeezed.contains("| Domains | 12 | 13 | +1 |"))
        #expect(squeezed.contains("| clients: customer, disabled | 0 | 1 | +1 |"))
        #expect(squeezed.contains("| web01 | 13 | +1 | 6 | +1 | 6 | 6 | 97.6 % |"))
        #expect(text.contains("Baseline recorded: 3 domains, 2 clients (2027-01-21 09:00:00 UTC"))
        #expect(!text.contains("alpha02.example"), "baseline objects are not listed one by one")
        #expect(squeezed.contains("| 1 | alice | Alice | 8 |\n| 2 | bob | Bob | 3 |\n| 3 | carol | Carol | 1 |"))
        #expect(text.contains("1 domain without a known owner."))
        #expect(text.contains("Domain owners are not collected for web02"))
        #expect(text.contains("166 of 170 polls succeeded (97.6 %)."))
        #expect(text.contains("Failures: timeout 3, auth 1."))
        #expect(text.contains("Longest time without a successful poll: 5h (2027-01-20 02:20:00 → 2027-01-20 07:20:00 UTC)"))
        #expect(text.contains("4 domains missing from Plesk after the poll of 2027-01-24 23:59:59 UTC"))
        #expect(text.contains("6 changes not yet acknowledged (5 in this period, 1 earlier)."))
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
    }

    @Test("CSV: a header, one row per change of the period, RFC 4180 quoting, parsed back field by field")
    func csv() async throws {
        let (_, report) = try await week()
        let text = report.render(.csv)
        #expect(
            text.hasPrefix(
                "\u{FEFF}target,at,object,change,name,key,changed_fields,before,after,acknowledged_by,"
                    + "acknowledge_comment\r\n"
            ))
        let rows = try CSV.parse(String(text.dropFirst()))
        #expect(rows.first?.count == 11)
        let body = Array(rows.dropFirst())
        #expect(body.allSatisfy { $0.count == 11 })
        #expect(body.map { $0[4] } == Self.changesOfWeb01 + ["new02.example"])
        #expect(body.map { $0[0] } == Array(repeating: "web01", count: 6) + ["web02"])
        let rename = try #require(body.first { $0[4] == "renamed.example" })
        #expect(rename[1] == "2027-01-24T23:59:59Z")
        #expect(rename[2] == "domain" && rename[3] == "modified" && rename[5] == "dom-1")
        #expect(rename[6] == "ascii_name name")
        #expect(rename[7] == #"{"ascii_name":"site1.example","name":"site1.example"}"#)
        #expect(rename[8] == #"{"ascii_name":"renamed.example","name":"renamed.example"}"#)
        let removal = try #require(body.first { $0[3] == "removed" })
        #expect(removal[9] == "alice" && removal[10] == "planned migration")
        let added = try #require(body.first { $0[4] == "shop.example" })
        #expect(added[8].contains(#""hosting_type":"virtual""#))
        #expect(added[8].contains(#""owner":"carol""#))
    }

    @Test("JSON: the same facts, decoded")
    func json() async throws {
        let (_, report) = try await week()
        let data = Data(report.render(.json).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let period = try #require(object["period"] as? [String: Any])
        #expect(period["start"] as? String == "2027-01-18T00:00:00Z")
        #expect(period["end"] as? String == "2027-01-25T00:00:00Z")
        #expect(period["seconds"] as? Int == 604_800)
        let targets = try #require(object["targets"] as? [[String: Any]])
        let web01 = targets[0]
        #expect(web01["target"] as? String == "web01")
        #expect((web01["start"] as? [String: Any])?["domains"] as? Int == 12)
        #expect((web01["end"] as? [String: Any])?["clients"] as? Int == 6)
        #expect((web01["net_change"] as? [String: Any])?["domains"] as? Int == 1)
        #expect(web01["baseline"] is NSNull)
        let counts = try #require(web01["change_counts"] as? [String: [String: Int]])
        #expect(counts["domain"] == ["added": 2, "removed": 1, "modified": 1])
        #expect(counts["client"] == ["added": 1, "removed": 0, "modified": 1])
        let changes = try #require(web01["changes"] as? [[String: Any]])
        #expect(changes.compactMap { $0["name"] as? String } == Self.changesOfWeb01)
        #expect(changes.last?["changed_fields"] as? [String] == ["ascii_name", "name"])
        #expect((changes.last?["before"] as? [String: String])?["name"] == "site1.example")
        #expect(changes[3]["acknowledged_by"] as? String == "alice")
        #expect(changes[3]["acknowledge_comment"] as? String == "planned migration")
        #expect(changes[0]["acknowledged_by"] is NSNull)
        let top = try #require(web01["top_clients"] as? [String: Any])
        #expect(
            (top["clients"] as? [[String: Any]])?.compactMap { $0["login"] as? String } == ["alice", "bob", "carol"])
        #expect(top["domains_without_owner"] as? Int == 1)
        let polls = try #require(web01["polls"] as? [String: Any])
        #expect(polls["total"] as? Int == 170)
        #expect(polls["failed"] as? Int == 4)
        #expect(polls["failures_by_reason"] as? [String: Int] == ["timeout": 3, "auth": 1])
        #expect((polls["longest_gap_without_success"] as? [String: Any])?["seconds"] as? Int == 18_000)
        let held = try #require(web01["held_removals"] as? [String: Any])
        #expect(held["domains"] as? Int == 4)
        #expect(held["objects"] is NSNull)
        let unacknowledged = try #require(web01["unacknowledged"] as? [String: Any])
        #expect(unacknowledged["total"] as? Int == 6)
        #expect(unacknowledged["in_period"] as? Int == 5)
        #expect((web01["daily"] as? [[String: Any]])?.count == 8)
        let baseline = try #require(targets[1]["baseline"] as? [String: Any])
        #expect(baseline["at"] as? String == "2027-01-21T09:00:00Z")
        #expect(baseline["domains"] as? Int == 3)
        #expect((targets[1]["top_clients"] as? [String: Any])?["owners_collected"] as? Bool == false)
    }

    @Test("HTML: every change, an SVG chart per target, and nothing loaded from elsewhere")
    func html() async throws {
        let (_, report) = try await week()
        let text = report.render(.html)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        for name in Self.changesOfWeb01 + ["new02.example"] { #expect(text.contains(name), "\(name)") }
        for name in Self.outside { #expect(!text.contains(name), "\(name)") }
        #expect(text.contains("site1.example → renamed.example"))
        #expect(text.contains("alice: planned migration"))
        #expect(text.contains("Baseline recorded: 3 domains, 2 clients"))
        #expect(text.components(separatedBy: "<svg ").count - 1 == 4, "domains and clients of each target")
        #expect(text.contains("<polyline points="))
        #expect(text.contains("@page{size:A4"))
        Self.expectSelfContained(text)
    }

    /// No reference that a browser or mail client would fetch: no URL scheme, no src, no href leaving the page, no
    /// style sheet import, no url().
    static func expectSelfContained(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = html.lowercased()
        for forbidden in [
            "http://", "https://", "src=", "<script", "@import", "url(", "<link", "<img", "<iframe", "//cdn",
        ] {
            #expect(!lower.contains(forbidden), "found \(forbidden)", sourceLocation: sourceLocation)
        }
        for piece in lower.components(separatedBy: "href=").dropFirst() {
            #expect(
                piece.hasPrefix("\"#"), "an href leaves the page: \(piece.prefix(40))", sourceLocation: sourceLocation)
        }
    }

    @Test("the same database gives the same bytes: a second run, and a read-only store opened on the file")
    func identicalBytes() async throws {
        let (scenario, report) = try await week()
        let again = try await scenario.report(from: WeekScenario.start, to: WeekScenario.end)
        let readOnly = try SQLiteInventoryStore(
            path: scenario.fixture.databasePath, logger: ReportScenario.logger, readOnly: true)
        let third = try await ReportBuilder(
            store: readOnly,
            options: ReportOptions(period: try ReportPeriod(start: WeekScenario.start, end: WeekScenario.end))
        ).build()
        for format in ReportFormat.allCases {
            #expect(report.render(format) == again.render(format), "\(format)")
            #expect(report.render(format) == third.render(format), "\(format)")
        }
    }

    @Test("a removal held across the end: pending with its names while still held, removed in the next period")
    func heldAcrossTheEnd() async throws {
        // Stopped one second after the end: the guard still holds the four domains.
        let held = try await WeekScenario.run(until: WeekScenario.end)
        let pending = try await held.report(from: WeekScenario.start, to: WeekScenario.end, targets: ["web01"])
        let web01 = try #require(pending.targets.first)
        #expect(web01.heldRemovals.domains == 4)
        #expect(
            web01.heldRemovals.objects?.map(\.name) == [
                "site2.example", "site3.example", "site4.example", "site5.example",
            ])
        #expect(web01.heldRemovals.objects?.map(\.missedPolls) == [2, 2, 2, 2])
        #expect(
            !web01.changes.contains { $0.change == .removed && $0.name.hasPrefix("site") && $0.name != "site9.example" }
        )
        let markdown = pending.render(.markdown)
        #expect(markdown.contains("The end counts include 4 domains whose removal the guard is holding"))
        #expect(Self.squeezed(markdown).contains("| domain | site2.example | 2 |"))

        // The next period, from the full history: the confirmed removals and the domain added a second after the end.
        let (scenario, _) = try await week()
        let next = try await scenario.report(
            from: WeekScenario.end, to: utc("2027-01-25T03:00:00Z"), targets: ["web01"])
        let after = try #require(next.targets.first)
        #expect(
            after.changes.map(\.name).sorted() == [
                "after-end.example", "site2.example", "site3.example", "site4.example", "site5.example",
            ])
        #expect(after.changes.filter { $0.change == .removed }.count == 4)
        #expect(after.heldRemovals.total == 0)
        #expect(after.start.domains == 13 && after.end.domains == 10)
    }

    static func squeezed(_ text: String) -> String {
        text.replacingOccurrences(of: " {2,}", with: " ", options: .regularExpression)
    }

    /// The markdown between a target's heading and the next `###` heading after `heading`.
    func section(_ text: String, _ heading: String, in target: String) -> String? {
        guard let targetRange = text.range(of: "## \(target)\n"),
            let start = text.range(of: heading, range: targetRange.upperBound..<text.endIndex)
        else { return nil }
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex)])
    }
}
