import Foundation
import Inventory
import PleskAPI
import TestSupport

/// A scripted fortnight of subscriptions around the report week 2027-02-01 00:00 → 2027-02-08 00:00 UTC.
///
/// web01 has service plans Basic (plan-1) and Premium (plan-2), clients admin, alice, bob, and from its baseline on
/// 2027-01-30 08:00 (polled daily at 08:00 and at each scripted time) the subscriptions
/// a.example (alice, Basic, 1 GiB), b.example (bob, Basic, 2 GiB), c.example (admin, Premium, 5 GiB),
/// d.example (alice, Basic, suspended by the admin, 100 MiB) and e.example (admin, no plan, 10 MiB); then:
/// - 2027-02-02 10:00 b.example suspended by the admin, its disk 2 → 3 GiB;
/// - 2027-02-03 10:00 c.example moved from Premium to Basic;
/// - 2027-02-04 10:00 f.example added (bob, Premium, 4 GiB);
/// - 2027-02-05 10:00 e.example removed;
/// - 2027-02-06 10:00 a.example expired and suspended by the admin (status 272), its disk 1 → 1.5 GiB; Premium's
///   disk limit 50 → 100 GiB;
/// - 2027-02-08 00:00:01 d.example unsuspended, one second after the end.
///
/// web02 does not collect subscriptions (`collect.subscriptions: false`). web03's XML API refuses every call until
/// 2027-02-03 10:00, when its two subscriptions and one plan are collected for the first time (their baseline);
/// on 2027-02-05 10:00 a third subscription is added.
enum SubscriptionScenario {
    static let start = utc("2027-02-01T00:00:00Z")
    static let end = utc("2027-02-08T00:00:00Z")
    static let first = utc("2027-01-30T08:00:00Z")
    static let gib: Int64 = 1 << 30
    static let mib: Int64 = 1 << 20

    static let plans: [PleskServicePlan] = [
        .make(1, "Basic", diskLimit: 10 * gib), .make(2, "Premium", diskLimit: 50 * gib),
    ]

    static func run() async throws -> ReportScenario {
        let scenario = try ReportScenario(
            targets: [
                .init(name: "web01", settings: PollSettings(jitterFraction: 0)),
                .init(name: "web02", settings: PollSettings(jitterFraction: 0, collectSubscriptions: false)),
                .init(name: "web03", settings: PollSettings(jitterFraction: 0)),
            ], start: first)
        scenario.source("web01").update { state in
            state.domains = (1...6).map { .make($0, "site\($0).example") }
            state.clients = [.make(1, "admin", type: "admin"), .make(2, "alice"), .make(3, "bob")]
            state.owners = [1: 2, 2: 2, 3: 3, 4: 3, 5: 1, 6: 1]
            state.plans = plans
            state.subscriptions = [
                .make(1, "a.example", owner: 2, plan: "plan-1", disk: gib),
                .make(2, "b.example", owner: 3, plan: "plan-1", disk: 2 * gib),
                .make(3, "c.example", owner: 1, plan: "plan-2", disk: 5 * gib),
                .make(4, "d.example", status: 16, owner: 2, plan: "plan-1", disk: 100 * mib),
                .make(5, "e.example", owner: 1, plan: nil, disk: 10 * mib),
            ]
        }
        scenario.source("web02").update { state in
            state.domains = [.make(1, "only02.example")]
            state.clients = [.make(1, "admin", type: "admin")]
            state.subscriptions = [.make(1, "only02.example")]
        }
        scenario.source("web03").update { state in
            state.domains = [.make(1, "x03.example"), .make(2, "y03.example")]
            state.clients = [.make(1, "admin", type: "admin")]
            state.plans = [.make(1, "Starter")]
            state.subscriptions = [.make(1, "x03.example", disk: 3 * mib), .make(2, "y03.example", disk: 7 * mib)]
            state.failSubscriptions = .refused
            state.failPlans = .refused
        }

        typealias Change = @Sendable (inout FakePleskSource.State) -> Void
        var steps: [(time: Date, target: String, change: Change?)] = []
        var day = first
        while day <= utc("2027-02-08T08:00:00Z") {
            for target in ["web01", "web02", "web03"] { steps.append((day, target, nil)) }
            day += 86_400
        }
        func web01(_ time: String, _ change: @escaping Change) { steps.append((utc(time), "web01", change)) }
        web01("2027-02-02T10:00:00Z") { state in
            state.subscriptions[1] = .make(2, "b.example", status: 16, owner: 3, plan: "plan-1", disk: 3 * gib)
        }
        web01("2027-02-03T10:00:00Z") { state in
            state.subscriptions[2] = .make(3, "c.example", owner: 1, plan: "plan-1", disk: 5 * gib)
        }
        web01("2027-02-04T10:00:00Z") { state in
            state.subscriptions.append(.make(6, "f.example", owner: 3, plan: "plan-2", disk: 4 * gib))
        }
        web01("2027-02-05T10:00:00Z") { state in state.subscriptions.removeAll { $0.name == "e.example" } }
        web01("2027-02-06T10:00:00Z") { state in
            state.subscriptions[0] = .make(1, "a.example", status: 272, owner: 2, plan: "plan-1", disk: 3 * gib / 2)
            state.plans[1] = .make(2, "Premium", diskLimit: 100 * gib)
        }
        web01("2027-02-08T00:00:01Z") { state in
            state.subscriptions[3] = .make(4, "d.example", owner: 2, plan: "plan-1", disk: 100 * mib)
        }
        steps.append(
            (
                utc("2027-02-03T10:00:00Z"), "web03",
                { state in
                    state.failSubscriptions = nil
                    state.failPlans = nil
                }
            ))
        steps.append(
            (
                utc("2027-02-05T10:00:00Z"), "web03",
                { state in state.subscriptions.append(.make(3, "z03.example", disk: 5 * mib)) }
            ))

        for step in steps.sorted(by: { ($0.time, $0.target) < ($1.time, $1.target) }) {
            try await scenario.poll(step.target, at: step.time, step.change)
        }
        return scenario
    }
}
