import Foundation
import PleskAPI
import Reports
import InventoryModel
import TestSupport
import Testing

/// Long lists, bad input, and the corners of a period.
@Suite("Reports: capped lists, errors and corners")
struct ReportEdgeTests {
    /// web01's baseline at 08:00 (3 domains, 2 clients), then `count` domains added at 09:00.
    func growing(_ count: Int) async throws -> ReportScenario {
        let scenario = try ReportScenario(targets: [("web01", true)])
        scenario.source("web01").update { state in
            state.domains = [.make(1, "a.example"), .make(2, "b.example"), .make(3, "c.example")]
            state.clients = [.make(1, "admin", type: "admin"), .make(2, "alice")]
            state.owners = [1: 2, 2: 2, 3: 2]
        }
        try await scenario.poll("web01", at: utc("2027-01-15T08:00:00Z"))
        try await scenario.poll("web01", at: utc("2027-01-15T09:00:00Z")) { state in
            for id in 0..<count {
                state.domains.append(.make(100 + id, String(format: "new%03d.example", id)))
                state.owners[100 + id] = 2
            }
        }
        return scenario
    }

    @Test("a long list: markdown and HTML show the first 50 and say how many more; CSV and JSON are complete")
    func cappedList() async throws {
        let scenario = try await growing(60)
        let report = try await scenario.report(from: utc("2027-01-15T08:30:00Z"), to: utc("2027-01-15T10:00:00Z"))
        #expect(report.targets[0].changes.count == 60)

        let markdown = report.render(.markdown)
        #expect(markdown.contains("new049.example"))
        #expect(!markdown.contains("| new050.example"))
        #expect(markdown.contains("…and 10 more — see the CSV."))
        let html = report.render(.html)
        #expect(html.contains("new049.example"))
        #expect(!html.contains("new050.example"))
        #expect(html.contains("…and 10 more — see the CSV."))
        // The unacknowledged list is capped the same way.
        #expect(markdown.contains("…and 10 more — see the JSON report."))

        let rows = try CSV.parse(String(report.render(.csv).dropFirst()))
        #expect(rows.count == 61)
        #expect(rows.last?[4] == "new059.example")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let target = try #require((json["targets"] as? [[String: Any]])?.first)
        #expect((target["changes"] as? [Any])?.count == 60)
        #expect(((target["unacknowledged"] as? [String: Any])?["changes"] as? [Any])?.count == 60)

        // A smaller cap when asked.
        #expect(report.render(.markdown, maxRows: 5).contains("…and 55 more — see the CSV."))
    }

    @Test("a baseline inside the period is one line and the starting point, never an added row per object")
    func baselineInside() async throws {
        let scenario = try await growing(2)
        let report = try await scenario.report(from: utc("2027-01-15T07:00:00Z"), to: utc("2027-01-15T10:00:00Z"))
        let target = try #require(report.targets.first)
        #expect(target.baseline == BaselineRecord(at: utc("2027-01-15T08:00:00Z"), domains: 3, clients: 2))
        #expect(target.start.domains == 3)
        #expect(target.changes.map(\.name) == ["new000.example", "new001.example"])
        #expect(target.daily.first?.at == utc("2027-01-15T08:00:00Z"))
        let markdown = report.render(.markdown)
        #expect(markdown.contains("Baseline recorded: 3 domains, 2 clients (2027-01-15 08:00:00 UTC"))
        #expect(markdown.contains("Baseline 2027-01-15 08:00:00"))
        #expect(!markdown.contains("a.example"))
        #expect(try CSV.parse(String(report.render(.csv).dropFirst())).count == 3)
    }

    @Test("bad input: an empty or reversed period, an unknown format")
    func badInput() throws {
        let time = utc("2027-01-15T08:00:00Z")
        #expect(throws: ReportError.self) { try ReportPeriod(start: time, end: time) }
        do {
            _ = try ReportPeriod(start: time, end: time.addingTimeInterval(-1))
            Issue.record("a reversed period was accepted")
        } catch {
            #expect(error.code == .badPeriod)
            #expect(error.message.contains("starts after it ends"))
            #expect(error.message.contains("2027-01-15T08:00:00Z"))
        }
        do {
            _ = try ReportFormat(parsing: "pdf")
            Issue.record("pdf was accepted")
        } catch {
            #expect(error.code == .unknownFormat)
            #expect(error.message == "unknown report format 'pdf': use one of markdown, csv, json, html")
        }
        #expect(try ReportFormat(parsing: "HTML") == .html)
        // Ending up to 366 days ahead is fine; later is refused for the CLI and the API alike.
        let ahead = time.addingTimeInterval(366 * 86_400)
        #expect(try ReportPeriod.resolve(start: nil, end: ahead, now: time).end == ahead)
        do {
            _ = try ReportPeriod.resolve(start: nil, end: ahead.addingTimeInterval(1), now: time)
            Issue.record("an end more than 366 days ahead was accepted")
        } catch {
            #expect(error.code == .badPeriod)
            #expect(error.message.contains("366 days"))
        }
        let period = try ReportPeriod.resolve(start: nil, end: nil, now: time)
        #expect(period.end == time && period.start == time.addingTimeInterval(-7 * 86_400))
        #expect(try ReportPeriod.resolve(start: nil, end: time, now: .distantFuture).start == period.start)
    }

    @Test("an unknown target, an empty database, and a period without polls are errors that say what there is")
    func nothingToReport() async throws {
        let empty = try ReportScenario(targets: [("web01", true)])
        await #expect(
            throws: ReportError(
                .noPolls, "the database holds no targets yet: poll once (plesk_exporter poll) or run serve first")
        ) {
            try await empty.report(from: utc("2027-01-01T00:00:00Z"), to: utc("2027-01-08T00:00:00Z"))
        }

        let scenario = try await growing(1)
        do {
            _ = try await scenario.report(
                from: utc("2027-01-15T07:00:00Z"), to: utc("2027-01-15T10:00:00Z"), targets: ["web01", "nope"])
            Issue.record("an unknown target was accepted")
        } catch let error as ReportError {
            #expect(error.code == .unknownTarget)
            #expect(error.message == "unknown target 'nope': the database knows web01")
        }
        do {
            _ = try await scenario.report(from: utc("2027-01-01T00:00:00Z"), to: utc("2027-01-08T00:00:00Z"))
            Issue.record("a period without polls was accepted")
        } catch let error as ReportError {
            #expect(error.code == .noPolls)
            #expect(
                error.message
                    == "no polls between 2027-01-01T00:00:00Z and 2027-01-08T00:00:00Z; the first poll was at "
                    + "2027-01-15T08:00:00Z"
            )
        }
        do {
            _ = try await scenario.report(
                from: utc("2027-01-16T00:00:00Z"), to: utc("2027-01-17T00:00:00Z"), targets: ["web01"])
            Issue.record("a period without polls was accepted")
        } catch let error as ReportError {
            #expect(
                error.message
                    == "no polls of web01 between 2027-01-16T00:00:00Z and 2027-01-17T00:00:00Z; the first poll was at "
                    + "2027-01-15T08:00:00Z and the last one before the period ended at 2027-01-15T09:00:00Z")
        }
    }

    @Test("a target polled only outside the period still has its counts, beside one that was polled")
    func quietTarget() async throws {
        let scenario = try ReportScenario(targets: [("web01", true), ("web02", true)])
        for target in ["web01", "web02"] {
            scenario.source(target).update { state in
                state.domains = [.make(1, "\(target).example")]
                state.clients = [.make(1, "admin", type: "admin")]
            }
        }
        try await scenario.poll("web02", at: utc("2027-01-15T08:00:00Z"))
        try await scenario.poll("web01", at: utc("2027-01-15T09:00:00Z"))
        try await scenario.poll("web01", at: utc("2027-01-15T11:00:00Z"))
        let report = try await scenario.report(from: utc("2027-01-15T08:30:00Z"), to: utc("2027-01-15T12:00:00Z"))
        let web02 = try #require(report.targets.last)
        #expect(web02.polls.total == 0)
        #expect(web02.start.domains == 1 && web02.end.domains == 1)
        #expect(web02.polls.lastSuccess == utc("2027-01-15T08:00:00Z"))
        #expect(web02.polls.longestGap?.seconds == 3.5 * 3600)
        let markdown = report.render(.markdown)
        #expect(markdown.contains("0 of 0 polls succeeded (—)."))
        #expect(markdown.contains("Last successful poll: 2027-01-15 08:00:00 UTC."))
        // web01's history starts inside the period: the time before its first poll is no gap.
        #expect(report.targets[0].polls.longestGap?.from == utc("2027-01-15T09:00:00Z"))
        WeekReportTests.expectSelfContained(report.render(.html))
    }
}
