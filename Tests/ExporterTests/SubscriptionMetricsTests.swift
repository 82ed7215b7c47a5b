import Foundation
import HummingbirdTesting
import InventoryModel
import PleskAPI
import TestSupport
import Testing

@testable import Exporter

/// The subscription and plan families of `/metrics` (SPEC §15), from polls of a fake Plesk.
@Suite("GET /metrics: subscriptions and plans")
struct SubscriptionMetricsTests {
    private func scrape(_ harness: Harness) async throws -> (text: String, exposition: Exposition) {
        let text = try await harness.application().test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get).text
        }
        return (text, try Exposition(text))
    }

    private static func seedSubscriptions(_ source: FakePleskSource) {
        source.update {
            $0.plans = [.make(1, "Basic"), .make(2, "Business")]
            $0.subscriptions = [
                .make(1, "alpha.example", owner: 2, plan: "plan-1"),
                .make(2, "beta.example", status: 16, owner: 2, plan: "plan-1"),
                .make(3, "gamma.example", owner: 3, plan: "plan-2", disk: 3_000_000_000, diskLimit: 1_000_000_000),
            ]
        }
    }

    @Test("by status and plan, plans, over limit with its info series, transitions and collect state")
    func families() async throws {
        let harness = try await Harness(subscriptionUsage: true)
        Self.seedSubscriptions(harness.source())
        try await harness.pollAll()
        harness.source().update { $0.subscriptions[0].status = 64 }
        try await harness.poll()
        let (text, metrics) = try await scrape(harness)
        let web01 = ["target": "web01"]
        #expect(metrics.value("plesk_subscriptions", web01.merging(["status": "suspended_by_customer", "plan": "Basic"]) { $1 }) == 1)
        #expect(metrics.value("plesk_subscriptions", web01.merging(["status": "suspended_by_admin", "plan": "Basic"]) { $1 }) == 1)
        #expect(metrics.value("plesk_subscriptions", web01.merging(["status": "active", "plan": "Business"]) { $1 }) == 1)
        #expect(metrics.samples("plesk_subscriptions").filter { $0.labels["target"] == "web01" }.count == 3)
        #expect(metrics.value("plesk_service_plans", web01) == 2)
        #expect(metrics.value("plesk_subscriptions_over_limit", web01) == 1)
        let info = metrics.samples("plesk_subscription_over_limit_info").filter { $0.labels["target"] == "web01" }
        #expect(info.map { [$0.labels["subscription"], $0.labels["plan"], $0.labels["limit"]] } == [["gamma.example", "Business", "disk_space"]])
        #expect(metrics.value("plesk_subscription_transitions_total", web01.merging(["transition": "suspended"]) { $1 }) == 1)
        #expect(metrics.value("plesk_subscription_transitions_total", web01.merging(["transition": "expired"]) { $1 }) == 0)
        for kind in ObjectKind.allCases {
            #expect(metrics.value("plesk_collect_up", web01.merging(["kind": kind.rawValue]) { $1 }) == 1)
        }
        #expect(
            metrics.value("plesk_inventory_changes_total", web01.merging(["object": "subscription", "change": "modified"]) { $1 }) == 1)
        #expect(metrics.value("plesk_subscription_disk_usage_bytes", web01.merging(["subscription": "gamma.example", "plan": "Business"]) { $1 }) == 3_000_000_000)
        #expect(metrics.value("plesk_subscription_disk_limit_bytes", web01.merging(["subscription": "gamma.example", "plan": "Business"]) { $1 }) == 1_000_000_000)
        #expect(metrics.samples("plesk_subscription_disk_usage_bytes").filter { $0.labels["target"] == "web01" }.count == 3)
        let promtool = try Promtool.checkMetrics(text)
        #expect(promtool.status == 0, "\(promtool.output)")
    }

    @Test("an XML API refusal: collect_up 0 for the kind, its error counted, the last known counts kept, plesk_up 1")
    func refused() async throws {
        let harness = try await Harness()
        Self.seedSubscriptions(harness.source())
        try await harness.poll()
        harness.source().update {
            $0.failSubscriptions = .refused
            $0.subscriptions.removeAll()
        }
        try await harness.poll()
        let (text, metrics) = try await scrape(harness)
        let web01 = ["target": "web01"]
        #expect(metrics.value("plesk_up", web01) == 1)
        #expect(metrics.value("plesk_collect_up", web01.merging(["kind": "subscription"]) { $1 }) == 0)
        #expect(metrics.value("plesk_collect_up", web01.merging(["kind": "plan"]) { $1 }) == 1)
        #expect(metrics.value("plesk_collect_up", web01.merging(["kind": "domain"]) { $1 }) == 1)
        #expect(
            metrics.value("plesk_collect_errors_total", web01.merging(["kind": "subscription", "reason": "refused"]) { $1 }) == 1)
        #expect(
            metrics.value("plesk_collect_errors_total", web01.merging(["kind": "plan", "reason": "refused"]) { $1 }) == 0)
        #expect(metrics.samples("plesk_subscriptions").filter { $0.labels["target"] == "web01" }.map(\.value).reduce(0, +) == 3)
        #expect(metrics.value("plesk_poll_errors_total", web01.merging(["reason": "refused"]) { $1 }) == 0)
        #expect(metrics.samples("plesk_subscription_disk_usage_bytes").isEmpty, "off by default")
        let promtool = try Promtool.checkMetrics(text)
        #expect(promtool.status == 0, "\(promtool.output)")

        // The API answers the same: the target is up, the kind is not, and why.
        let targets = try await harness.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/targets", method: .get)
        }
        let target = try #require(try targets.data([TargetDTO].self).first { $0.name == "web01" })
        #expect(target.up)
        #expect(target.collect["subscription"]?.up == false)
        #expect(target.collect["subscription"]?.error?.reason == "refused")
        #expect(target.collect["plan"]?.up == true)
        #expect(target.counts?.subscriptions == 3)
    }
}
