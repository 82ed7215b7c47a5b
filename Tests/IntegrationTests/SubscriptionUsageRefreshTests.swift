import Foundation
import Inventory
import InventoryModel
import PleskAPI
import PleskSimulator
import Storage
import TestSupport
import Testing

/// Limits and traffic through the real client and the simulator's XML API: an unchanged poll asks for none, a changed
/// subscription's come with it (asked for by id), and every subscription's are read again after
/// `collect.usage_refresh` and after a plan changed.
@Suite("Subscriptions: usage read for changed subscriptions and on refresh")
struct SubscriptionUsageRefreshTests {
    /// What the exporter stored of each subscription's usage, by name.
    static func usage(_ store: SQLiteInventoryStore) async throws -> [String: SubscriptionUsageRecord] {
        let records = try await store.subscriptionUsage(target: "web01", overLimitOnly: false, limit: nil)
        return Dictionary(uniqueKeysWithValues: records.map { ($0.usage.name, $0.usage) })
    }

    @Test("traffic waits for the refresh, disk size does not; a changed plan refreshes every subscription")
    func refresh() async throws {
        let directory = try TemporaryDirectory()
        let inventory = PleskInventory.generate(domains: 40, clients: 8, subscriptions: 12, seed: 5)
        var configuration = SimulatedPlesk.quietConfiguration
        // A real server answers every poll alike (the default alternates layouts to test parsers).
        configuration.xmlOutput = .init(declaration: .withEncoding, layout: .prettyPrintHeader)
        try await SimulatedPlesk.withRunning(configuration: configuration, inventory: inventory) { plesk in
            let client = try PleskAPIClient(target: plesk.target(), logger: testLogger)
            defer { Task { await client.shutdown() } }
            let store = try SQLiteInventoryStore(path: directory.file("usage.db"), logger: testLogger)
            let clock = TestClock()
            let poller = TargetPoller(
                target: "web01", url: plesk.url, source: client, store: store,
                settings: PollSettings(collectOwners: false, usageRefresh: .seconds(3600)), clock: clock,
                logger: testLogger)
            func poll() async throws -> PollReport {
                clock.advance(60)
                let report = try await poller.poll()
                #expect(report.succeeded && report.failedKinds.isEmpty, "\(report.failedKinds)")
                return report
            }
            /// The `webspace get` packets sent since the last call.
            var seen = 0
            func packets() -> [String] {
                let bodies = plesk.requests(to: .xmlWebspace).map { $0.body ?? "" }
                defer { seen = bodies.count }
                return Array(bodies.dropFirst(seen))
            }
            let names = Dictionary(uniqueKeysWithValues: plesk.inventory.subscriptions.map { subscription in
                (subscription.id, plesk.inventory.domain(id: subscription.id)!.name)
            })

            _ = try await poll()
            let baseline = packets()
            #expect(baseline.count == 2)
            #expect(baseline.last?.contains("<filter/><dataset><limits/><stat/></dataset>") == true)
            var stored = try await Self.usage(store)
            #expect(stored.count == 12)
            #expect(stored.values.allSatisfy { $0.trafficBytes != nil })

            // Traffic alone is not in the fingerprinted datasets: no usage request, the stored traffic stays.
            let quiet = plesk.inventory.subscriptions[0]
            try plesk.setUsage(ofSubscription: quiet.id, trafficBytes: 777_777)
            _ = try await poll()
            #expect(packets().count == 1)
            #expect(try await Self.usage(store)[names[quiet.id]!]?.trafficBytes == stored[names[quiet.id]!]?.trafficBytes)

            // A new disk size is: that subscription's limits and traffic are asked for by its id, with it.
            let grown = plesk.inventory.subscriptions[1]
            try plesk.setUsage(ofSubscription: grown.id, diskBytes: 123_456_789, trafficBytes: 555)
            let grownPoll = try await poll()
            #expect(grownPoll.events.isEmpty)
            let grownPackets = packets()
            #expect(grownPackets.count == 2)
            #expect(grownPackets.last?.contains("<filter><id>\(grown.id)</id></filter>") == true)
            stored = try await Self.usage(store)
            #expect(stored[names[grown.id]!]?.diskBytes == 123_456_789)
            #expect(stored[names[grown.id]!]?.trafficBytes == 555)
            #expect(stored[names[quiet.id]!]?.trafficBytes != 777_777)

            // An hour on, every subscription's usage is read again (and nothing is reported as changed).
            clock.advance(3600)
            let refreshed = try await poll()
            #expect(refreshed.events.isEmpty)
            #expect(packets().last?.contains("<filter/><dataset><limits/><stat/></dataset>") == true)
            #expect(try await Self.usage(store)[names[quiet.id]!]?.trafficBytes == 777_777)

            // A plan's disk limit changes: the plan is modified; the subscriptions synchronised with it take the
            // new limit at the next poll, though their own bytes did not change.
            let synced = try #require(
                plesk.inventory.subscriptions.first {
                    $0.synchronized && $0.servicePlanGUID != nil && $0.limitOverrides["disk_space"] == nil
                })
            let plan = try #require(plesk.inventory.servicePlans.first { $0.guid == synced.servicePlanGUID })
            try plesk.setLimit("disk_space", to: 1_024, forServicePlan: plan.id)
            let planPoll = try await poll()
            #expect(planPoll.events.map(\.kind) == [.plan])
            _ = packets()
            _ = try await poll()
            #expect(packets().last?.contains("<filter/><dataset><limits/><stat/></dataset>") == true)
            stored = try await Self.usage(store)
            #expect(stored[names[synced.id]!]?.diskLimitBytes == 1_024)
            #expect(stored[names[synced.id]!]?.overLimits.contains("disk_space") == true)

            // Then quiet again: one request per poll.
            _ = try await poll()
            #expect(packets().count == 1)

            // A new process (a `poll` from cron) knows when the usage was read: it starts quiet too, and refreshes
            // when the hour is up.
            let next = TargetPoller(
                target: "web01", url: plesk.url, source: client, store: store,
                settings: PollSettings(collectOwners: false, usageRefresh: .seconds(3600)), clock: clock,
                logger: testLogger)
            clock.advance(60)
            #expect(try await next.poll().events.isEmpty)
            #expect(packets().count == 1)
            clock.advance(3600)
            _ = try await next.poll()
            #expect(packets().last?.contains("<filter/><dataset><limits/><stat/></dataset>") == true)
        }
    }
}
