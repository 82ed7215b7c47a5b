import Foundation
import PleskAPI
import TestSupport

/// A scripted fortnight of two targets around the report week 2027-01-18 00:00 → 2027-01-25 00:00 UTC.
///
/// web01 (owners collected) is polled every hour at :20 from its baseline on 2027-01-15 08:00, and:
/// - 2027-01-16 12:20 `old.example` added (stays unacknowledged: an "earlier" one);
/// - 2027-01-17 23:59:59 `before-start.example` added, one second before the week (acknowledged by bob);
/// - 2027-01-18 00:00:01 `after-start.example` added, one second into the week;
/// - 2027-01-19 10:20 client bob disabled;
/// - 2027-01-20 03:20 – 06:20 four failed polls (timeout ×3, auth): 5 h without success from 02:20 to 07:20;
/// - 2027-01-21 12:20 `site9.example` removed (acknowledged by alice: "planned migration"), `shop.example` added;
/// - 2027-01-22 09:20 client dave added;
/// - 2027-01-24 23:20 site2–site5 vanish: 4 of 13 domains, held by the removal guard;
/// - 2027-01-24 23:59:59 `site1.example` renamed to `renamed.example`, one second before the end;
/// - 2027-01-25 00:00:01 `after-end.example` added, one second after the end; the held removals are confirmed.
///
/// web02 (owners not collected) gets its baseline inside the week, 2027-01-21 09:00, is polled every 6 hours, and
/// adds `new02.example` on 2027-01-23 10:00.
enum WeekScenario {
    static let start = utc("2027-01-18T00:00:00Z")
    static let end = utc("2027-01-25T00:00:00Z")
    static let first = utc("2027-01-15T08:00:00Z")

    typealias Change = @Sendable (inout FakePleskSource.State) -> Void

    struct Step: Sendable {
        var time: Date
        var target: String
        var change: Change?
        /// Acknowledge the named object's event of this poll: (name, by, comment).
        var acknowledge: (String, String, String)?
    }

    /// Runs the script up to and including `stop`.
    static func run(until stop: Date = utc("2027-01-25T03:00:00Z")) async throws -> ReportScenario {
        let scenario = try ReportScenario(targets: [("web01", true), ("web02", false)], start: first)
        scenario.source("web01").update { state in
            state.domains = (1...10).map { .make($0, "site\($0).example", hosting: $0 == 10 ? "none" : "virtual") }
            state.clients = [
                .make(1, "admin", type: "admin"), .make(2, "alice"), .make(3, "bob"), .make(4, "carol"),
                .make(5, "resell", type: "reseller"),
            ]
            state.owners = [1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3, 9: 4]
        }
        scenario.source("web02").update { state in
            state.domains = [
                .make(1, "alpha02.example"), .make(2, "beta02.example"), .make(3, "gamma02.example", hosting: "none"),
            ]
            state.clients = [.make(1, "admin", type: "admin"), .make(2, "zed")]
        }

        var steps: [Step] = [Step(time: first, target: "web01")]
        var hour = utc("2027-01-15T08:20:00Z")
        while hour <= stop {
            steps.append(Step(time: hour, target: "web01"))
            hour += 3600
        }
        var sixHours = utc("2027-01-21T09:00:00Z")
        while sixHours <= stop {
            steps.append(Step(time: sixHours, target: "web02"))
            sixHours += 6 * 3600
        }
        steps += scripted
        // Scripted changes replace the plain poll at the same time.
        var byKey: [String: Step] = [:]
        for step in steps { byKey["\(step.time.timeIntervalSince1970)/\(step.target)"] = step }
        let ordered = byKey.values.filter { $0.time <= stop }.sorted {
            ($0.time, $0.target) < ($1.time, $1.target)
        }
        for step in ordered {
            let report = try await scenario.poll(step.target, at: step.time, step.change)
            if let (name, by, comment) = step.acknowledge {
                try await scenario.acknowledge(report, name: name, by: by, comment: comment)
            }
        }
        return scenario
    }

    static func fail(_ reason: PleskAPIError.Reason?) -> Change {
        { $0.failDomains = reason }
    }

    static func addDomain(_ id: Int, _ name: String, owner: Int?) -> Change {
        { state in
            state.domains.append(.make(id, name))
            if let owner { state.owners[id] = owner }
        }
    }

    static let scripted: [Step] = [
        Step(time: utc("2027-01-16T12:20:00Z"), target: "web01", change: addDomain(20, "old.example", owner: 2)),
        Step(
            time: utc("2027-01-17T23:59:59Z"), target: "web01", change: addDomain(21, "before-start.example", owner: 2),
            acknowledge: ("before-start.example", "bob", "expected")),
        Step(
            time: utc("2027-01-18T00:00:01Z"), target: "web01", change: addDomain(22, "after-start.example", owner: 2)),
        Step(time: utc("2027-01-19T10:20:00Z"), target: "web01", change: { $0.clients[2].status = 16 }),
        Step(time: utc("2027-01-20T03:20:00Z"), target: "web01", change: fail(.timeout)),
        Step(time: utc("2027-01-20T04:20:00Z"), target: "web01"),
        Step(time: utc("2027-01-20T05:20:00Z"), target: "web01"),
        Step(time: utc("2027-01-20T06:20:00Z"), target: "web01", change: fail(.auth)),
        Step(time: utc("2027-01-20T07:20:00Z"), target: "web01", change: fail(nil)),
        Step(
            time: utc("2027-01-21T12:20:00Z"), target: "web01",
            change: { state in
                state.domains.removeAll { $0.id == 9 }
                state.domains.append(.make(23, "shop.example"))
                state.owners[23] = 4
            }, acknowledge: ("site9.example", "alice", "planned migration")),
        Step(time: utc("2027-01-22T09:20:00Z"), target: "web01", change: { $0.clients.append(.make(6, "dave")) }),
        Step(
            time: utc("2027-01-24T23:20:00Z"), target: "web01",
            change: { state in state.domains.removeAll { (2...5).contains($0.id) } }),
        Step(
            time: utc("2027-01-24T23:59:59Z"), target: "web01",
            change: { state in
                let index = state.domains.firstIndex { $0.id == 1 }!
                state.domains[index].name = "renamed.example"
                state.domains[index].asciiName = "renamed.example"
            }),
        Step(time: utc("2027-01-25T00:00:01Z"), target: "web01", change: addDomain(24, "after-end.example", owner: 3)),
        Step(time: utc("2027-01-23T10:00:00Z"), target: "web02", change: addDomain(4, "new02.example", owner: nil)),
    ]
}
