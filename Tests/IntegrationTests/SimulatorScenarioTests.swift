import Foundation
import TestSupport
import Inventory
import PleskAPI
import PleskSimulator
import InventoryModel
import Storage
import Testing

/// The poller, the real client and a real SQLite file against the simulator over HTTPS.
@Suite("Scripted scenarios against the simulator")
struct SimulatorScenarioTests {
    /// Polls once and returns the non-baseline changes as "change object name" strings.
    private func poll(_ poller: TargetPoller) async throws -> (report: PollReport, changes: Set<String>) {
        let report = try await poller.poll()
        let changes = Set(report.events.filter { !$0.baseline }.map { "\($0.change.rawValue) \($0.kind.rawValue) \($0.name)" })
        return (report, changes)
    }

    @Test("mutations and faults produce exactly the expected event log, across a restart")
    func scriptedScenario() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("plesk.db")
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration, inventory: .demo()) { plesk in
            let client = try PleskAPIClient(target: plesk.target(), logger: testLogger)
            func makePoller(_ store: SQLiteInventoryStore) -> TargetPoller {
                TargetPoller(
                    target: "web01", url: plesk.url, source: client, store: store,
                    // Domains and clients only: subscriptions have their own walk (SubscriptionWalkTests).
                    settings: PollSettings(
                        collectOwners: true, ownersRefresh: .seconds(3600), collectDomainStatus: true,
                        collectSubscriptions: false, collectServicePlans: false),
                    logger: testLogger)
            }
            do {
                var store = try SQLiteInventoryStore(path: database, logger: testLogger)
                var poller = makePoller(store)

                let baseline = try await poll(poller)
                #expect(baseline.report.succeeded)
                #expect(baseline.report.poll.baseline)
                #expect(baseline.changes.isEmpty)
                let inventory = plesk.inventory
                #expect(baseline.report.events.count == inventory.domains.count + inventory.clients.count)

                // Ordinary changes.
                let customer = try #require(inventory.clients.first { $0.type == .customer })
                let someDomain = try #require(inventory.domains.first { $0.baseDomainID == 0 && $0.hostingType == .virtual })
                try plesk.addDomain("fresh.example", ownerClientID: customer.id)
                try plesk.renameDomain(id: someDomain.id, to: "renamed.example")
                try plesk.setStatus(.disabledByAdmin, forClient: customer.id)
                let first = try await poll(poller)
                #expect(
                    first.changes == [
                        "added domain fresh.example", "modified domain renamed.example", "modified client \(customer.login)",
                    ])
                let added = try #require(first.report.events.first { $0.name == "fresh.example" })
                #expect(added.afterJSON?.contains(#""owner":"\#(customer.login)""#) == true)

                // Faults: each fails the poll and produces nothing, even though the inventory changed meanwhile.
                try plesk.removeDomain(id: try #require(plesk.inventory.domain(named: "fresh.example")).id)
                let faults: [(SimulatedPlesk.Fault, SimulatedPlesk.Endpoint, PleskAPIError.Reason)] = [
                    (.licenseRestriction, .clients, .http), (.html, .domains, .decode), (.truncated, .domains, .decode),
                    (.missingField("guid"), .domains, .decode), (.status(401), .clients, .auth),
                    (.malformedJSON, .clients, .decode), (.wrongShape(.object), .domains, .decode),
                ]
                for (fault, endpoint, reason) in faults {
                    plesk.inject(fault, on: endpoint, times: 1)
                    let failed = try await poll(poller)
                    #expect(!failed.report.succeeded, "\(fault)")
                    #expect(failed.report.error?.reason == reason, "\(fault)")
                    #expect(failed.report.events.isEmpty, "\(fault)")
                }
                // An enrichment fault does not fail the poll.
                plesk.inject(.status(500), on: .domainStatus)
                let recovered = try await poll(poller)
                plesk.clearFaults()
                #expect(recovered.report.succeeded)
                #expect(recovered.report.enrichmentFailures > 0)
                #expect(recovered.changes == ["removed domain fresh.example"])

                // Restart: a new store and poller on the same file see no change, then the next one.
                store = try SQLiteInventoryStore(path: database, logger: testLogger)
                poller = makePoller(store)
                let afterRestart = try await poll(poller)
                #expect(afterRestart.report.succeeded)
                #expect(!afterRestart.report.poll.baseline)
                #expect(afterRestart.changes.isEmpty)
                try plesk.setHostingType(.frameForwarding, forDomain: someDomain.id)
                try plesk.setStatus(.suspended, forDomain: someDomain.id)
                let hosting = try await poll(poller)
                #expect(hosting.changes == ["modified domain renamed.example"])
                #expect(hosting.report.events.first?.changedFields.contains("hosting_type") == true)
                #expect(hosting.report.events.first?.changedFields.contains("status") == true)

                // An empty list from a server with domains is held, not a mass removal.
                plesk.inject(.emptyList, on: .domains)
                for _ in 0..<4 {
                    let empty = try await poll(poller)
                    #expect(empty.report.succeeded)
                    #expect(empty.changes.isEmpty)
                    #expect(empty.report.poll.heldDomains == plesk.inventory.domains.count)
                }
                plesk.clearFaults()
                let back = try await poll(poller)
                #expect(back.changes.isEmpty)
                #expect(back.report.poll.heldDomains == 0)

                // The whole log replays to exactly what the server has now.
                let replayed = replay(try await allEvents(store))
                #expect(replayed.violations.isEmpty)
                #expect(replayed.present == truth(plesk, kinds: [.domain, .client]))
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
        }
    }
}
