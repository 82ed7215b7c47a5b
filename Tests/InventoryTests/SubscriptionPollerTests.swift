import Foundation
import InventoryModel
import Logging
import PleskAPI
import Storage
import TestSupport
import Testing

@testable import Inventory

/// Subscriptions and plans through the poller (SPEC §15): events, usage that never makes one, transitions, and an
/// XML API that fails alone.
@Suite("Subscriptions and plans in the poller")
struct SubscriptionPollerTests {
    /// One target over SQLite or the in-memory store, with two plans, three clients and three subscriptions.
    private struct Scenario {
        let fixture: PollerFixture
        var source: FakePleskSource { fixture.source("web01") }

        init(inMemory: Bool = false, settings: PollSettings = PollSettings(jitterFraction: 0, collectOwners: false))
            throws
        {
            fixture = try PollerFixture(targets: [.init(name: "web01", settings: settings)], inMemory: inMemory)
            fixture.source("web01").update {
                $0.domains = [.make(1, "a.example"), .make(2, "b.example"), .make(3, "c.example")]
                $0.clients = [.make(1, "admin", type: "admin"), .make(2, "alice"), .make(3, "bob")]
                $0.plans = [.make(1, "Basic"), .make(2, "Business")]
                $0.subscriptions = [
                    .make(1, "a.example", owner: 1, plan: "plan-1"),
                    .make(2, "b.example", owner: 2, plan: "plan-2"),
                    .make(3, "c.example", owner: 3, plan: "plan-1", disk: 5_000_000_000, diskLimit: 1_073_741_824),
                ]
            }
        }

        func poll() async throws -> PollReport {
            fixture.clock.advance(60)
            return try await fixture.poll("web01")
        }
    }

    private static func changes(_ report: PollReport) -> Set<String> {
        Set(report.events.filter { !$0.baseline }.map { "\($0.change.rawValue) \($0.kind.rawValue) \($0.name)" })
    }

    @Test("baseline of every kind, then suspension, plan change and plan rename as events; usage never", arguments: [false, true])
    func lifecycle(inMemory: Bool) async throws {
        let s = try Scenario(inMemory: inMemory)
        let baseline = try await s.poll()
        #expect(baseline.succeeded)
        #expect(baseline.failedKinds.isEmpty)
        #expect(Set(baseline.events.map(\.kind)) == Set(ObjectKind.allCases))
        #expect(baseline.events.allSatisfy { $0.baseline && $0.acknowledgedBy == TargetPoller.baselineAcknowledger })
        #expect(baseline.poll.counts?.subscriptions == 3)
        #expect(baseline.poll.counts?.plans == 2)
        #expect(baseline.poll.counts?.subscriptionsOverLimit == 1)
        #expect(
            baseline.subscriptionBreakdown == [
                SubscriptionBucket(status: "active", plan: "Basic", count: 2),
                SubscriptionBucket(status: "active", plan: "Business", count: 1),
            ])
        let stored = try await s.fixture.store.inventory(target: "web01", kind: .subscription, at: nil)
        let b = try #require(stored.first { $0.entry.object.name == "b.example" }?.entry.object.fieldsJSON)
        let fields = try #require(JSONValue.parse(b)?.objectValue)
        #expect(fields["owner"] == .string("alice"))
        #expect(fields["plan"] == .string("Business"))
        #expect(fields["plan_guid"] == .string("plan-2"))
        #expect(fields["states"] == .array([.string("active")]))
        #expect(fields["real_size"] == nil)
        let over = try await s.fixture.store.subscriptionUsage(target: "web01", overLimitOnly: true, limit: nil)
        #expect(over.map(\.usage.name) == ["c.example"])
        #expect(over.first?.usage.overLimits == ["disk_space"])

        // Nothing changed: the breakdown is neither worked out nor written again.
        let unchanged = try await s.poll()
        #expect(unchanged.subscriptionBreakdown == nil)

        // Usage alone: no event, the usage row follows.
        s.source.update { $0.subscriptions[0].usage.diskBytes = 9_999 }
        let grown = try await s.poll()
        #expect(grown.events.isEmpty)
        #expect(grown.subscriptionBreakdown != nil)
        let usage = try await s.fixture.store.subscriptionUsage(target: "web01", overLimitOnly: false, limit: nil)
        #expect(usage.first { $0.usage.name == "a.example" }?.usage.diskBytes == 9_999)

        s.source.update {
            $0.subscriptions[0].status = 16 + 256  // suspended by the administrator and expired
            $0.subscriptions[1].planGUIDs = ["plan-1"]
        }
        let changed = try await s.poll()
        #expect(Self.changes(changed) == ["modified subscription a.example", "modified subscription b.example"])
        let suspended = try #require(changed.events.first { $0.name == "a.example" })
        #expect(suspended.changedFields == ["states", "status"])
        #expect(suspended.afterJSON == #"{"states":["expired","suspended_by_admin"],"status":272}"#)
        let moved = try #require(changed.events.first { $0.name == "b.example" })
        #expect(moved.changedFields == ["plan", "plan_guid"])
        let transitions = try await s.fixture.store.transitionTallies()
        #expect(
            Dictionary(uniqueKeysWithValues: transitions.map { ($0.transition, $0.total) })
                == [.suspended: 1, .expired: 1, .planChanged: 1])

        // A plan renamed: the plan is modified, and so is the name every subscription on it records.
        s.source.update { $0.plans[0].name = "Starter" }
        let renamed = try await s.poll()
        #expect(
            Self.changes(renamed) == [
                "modified plan Starter", "modified subscription a.example", "modified subscription b.example",
                "modified subscription c.example",
            ])
        #expect(renamed.events.filter { $0.kind == .subscription }.allSatisfy { $0.changedFields == ["plan"] })

        // One of three is a third of the kind: the removal guard holds it until polls agree.
        s.source.update { $0.subscriptions.removeLast() }
        let held = try await s.poll()
        #expect(held.events.isEmpty)
        #expect(held.poll.heldSubscriptions == 1)
        var removed = try await s.poll()
        while removed.events.isEmpty, removed.poll.heldSubscriptions > 0 { removed = try await s.poll() }
        #expect(Self.changes(removed) == ["removed subscription c.example"])
        #expect(try await s.fixture.store.subscriptionUsage(target: "web01", overLimitOnly: true, limit: nil).isEmpty)
    }

    @Test(
        "a failing XML API fails only its kind: domains still compared, subscriptions keep their state, no event",
        arguments: [PleskAPIError.Reason.refused, .auth, .api, .decode, .timeout])
    func failingKind(reason: PleskAPIError.Reason) async throws {
        let s = try Scenario()
        _ = try await s.poll()
        s.source.update {
            $0.failSubscriptions = reason
            $0.subscriptions.removeAll()  // would be three removals if it were believed
            $0.domains.append(.make(4, "d.example"))
        }
        let failed = try await s.poll()
        #expect(failed.succeeded)
        #expect(failed.failedKinds[.subscription]?.reason == reason)
        #expect(failed.failedKinds[.plan] == nil)
        #expect(failed.poll.failedKinds[.subscription]?.reason == reason.rawValue)
        #expect(!failed.poll.collected(.subscription))
        #expect(Self.changes(failed) == ["added domain d.example"])
        #expect(failed.poll.counts?.subscriptions == 3, "the last known count")
        #expect(failed.poll.counts?.subscriptionsOverLimit == 1)
        #expect(try await s.fixture.store.inventory(target: "web01", kind: .subscription, at: nil).count == 3)

        // Back, with one real change made during the outage: exactly that difference.
        s.source.update {
            $0.failSubscriptions = nil
            $0.subscriptions = [
                .make(1, "a.example", owner: 1, plan: "plan-1"),
                .make(2, "b.example", status: 64, owner: 2, plan: "plan-2"),
                .make(3, "c.example", owner: 3, plan: "plan-1", disk: 5_000_000_000, diskLimit: 1_073_741_824),
            ]
        }
        let back = try await s.poll()
        #expect(back.failedKinds.isEmpty)
        #expect(Self.changes(back) == ["modified subscription b.example"])
        #expect(back.events.first?.changedFields == ["states", "status"])
    }

    @Test("a kind that fails while its removals are held keeps them held, neither released nor forgotten")
    func heldRemovalsSurviveAFailure() async throws {
        let s = try Scenario()
        s.source.update { s in
            s.subscriptions = (1...10).map { PleskSubscription.make($0, "s\($0).example") }
        }
        _ = try await s.poll()
        s.source.update { $0.subscriptions.removeLast(5) }
        let held = try await s.poll()
        #expect(held.poll.heldSubscriptions == 5)
        #expect(held.events.isEmpty)
        s.source.update { $0.failSubscriptions = .timeout }
        let failed = try await s.poll()
        #expect(failed.poll.heldSubscriptions == 5)
        #expect(try await s.fixture.store.heldRemovals(target: "web01").count == 5)
    }

    @Test("a kind first collected after the target's baseline takes its own baseline: no additions")
    func lateBaseline() async throws {
        let s = try Scenario()
        s.source.update { $0.failSubscriptions = .refused }
        let first = try await s.poll()
        #expect(first.poll.baseline)
        #expect(first.events.allSatisfy { $0.kind != .subscription })
        #expect(first.poll.counts?.subscriptions == nil)
        s.source.update { $0.failSubscriptions = nil }
        let second = try await s.poll()
        #expect(!second.poll.baseline)
        let subscriptionEvents = second.events.filter { $0.kind == .subscription }
        #expect(subscriptionEvents.count == 3)
        #expect(subscriptionEvents.allSatisfy { $0.baseline && $0.acknowledgedBy == TargetPoller.baselineAcknowledger })
        #expect(try await s.fixture.store.eventTallies().allSatisfy { $0.total == 0 })
    }

    @Test("collect.subscriptions and collect.service_plans off: no XML API call, no such objects")
    func switchedOff() async throws {
        let s = try Scenario(
            settings: PollSettings(
                jitterFraction: 0, collectOwners: false, collectSubscriptions: false, collectServicePlans: false))
        let report = try await s.poll()
        #expect(s.source.calls(.subscriptions) == 0)
        #expect(s.source.calls(.servicePlans) == 0)
        #expect(report.events.allSatisfy { $0.kind == .domain || $0.kind == .client })
        #expect(report.poll.counts?.subscriptions == nil)
    }

    @Test("the memory of every kind survives a restart: an unchanged poll of a new poller decodes nothing new")
    func memoryAcrossRestart() async throws {
        let s = try Scenario()
        _ = try await s.poll()
        let poller = TargetPoller(
            target: "web01", url: "https://web01.example.com:8443", source: s.source, store: s.fixture.store,
            settings: PollSettings(jitterFraction: 0, collectOwners: false), clock: s.fixture.clock,
            logger: PollerFixture.quiet)
        s.fixture.clock.advance(60)
        let report = try await poller.poll()
        #expect(report.events.isEmpty)
        #expect(await poller.rememberedCount(of: .subscription) == 3)
        #expect(await poller.rememberedCount(of: .plan) == 2)
    }
}
