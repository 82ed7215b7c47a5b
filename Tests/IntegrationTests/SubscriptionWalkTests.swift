import Foundation
import Inventory
import InventoryModel
import PleskAPI
import PleskSimulator
import Storage
import TestSupport
import Testing

/// Random walks over subscriptions and plans (with domains and clients changing beside them) against the simulator's
/// XML API over HTTPS, the real client and a real SQLite file, with XML API faults: after every poll, the events of
/// each kind it collected are exactly the difference between the server's state at that kind's last collection and
/// now — no false and no missed event — and a kind that was not collected has no event at all.
@Suite("Subscriptions and plans: random walks with XML API faults")
struct SubscriptionWalkTests {
    /// What the exporter records of each object, read from the simulator's own model (not through our client).
    struct Truth: Equatable {
        /// guid → identity fields as text.
        var subscriptions: [String: String] = [:]
        var plans: [String: String] = [:]
        /// Service plan guid → name.
        var planNames: [String: String] = [:]

        init() {}

        /// The state now; a subscription's plan name is the one the exporter knows (`knownPlanNames`: the plans of
        /// its last collection of plans).
        init(_ inventory: PleskInventory, knownPlanNames: [String: String]) {
            for plan in inventory.servicePlans where plan.kind == .service {
                planNames[plan.guid] = plan.name
                plans[plan.guid] = "\(plan.name)|\(plan.limits.sorted { $0.key < $1.key })|\(plan.overuse)|\(plan.ownerClientID)"
            }
            for subscription in inventory.subscriptions {
                guard let domain = inventory.domain(id: subscription.id) else { continue }
                let service = subscription.servicePlanGUID
                subscriptions[domain.guid] = [
                    domain.name, String(subscription.status.rawValue), service ?? "-",
                    service.flatMap { knownPlanNames[$0] } ?? "-", String(domain.ownerClientID),
                    "\(subscription.locked)", "\(subscription.synchronized)", subscription.addonPlanGUIDs.joined(separator: ","),
                ].joined(separator: "|")
            }
        }

        static func difference(_ old: [String: String], _ new: [String: String], kind: ObjectKind) -> Set<String> {
            var changes = Set<String>()
            for (key, value) in new {
                if let before = old[key] {
                    if before != value { changes.insert("modified \(kind.rawValue) \(key)") }
                } else {
                    changes.insert("added \(kind.rawValue) \(key)")
                }
            }
            for key in old.keys where new[key] == nil { changes.insert("removed \(kind.rawValue) \(key)") }
            return changes
        }
    }

    static let faults: [SimulatedPlesk.Fault] = [
        .apiRefused(.permissionDenied), .apiRefused(.httpForbidden), .truncated, .html, .malformed,
        .systemError(code: 1023, text: "Operation failed."), .errorResult(code: 1013, text: "Object not found."),
        .status(500, body: nil),
    ]

    @Test("events equal the true difference of consecutive complete inventories, under faults", arguments: [11, 29, 47] as [UInt64])
    func walk(seed: UInt64) async throws {
        let directory = try TemporaryDirectory()
        let inventory = PleskInventory.generate(domains: 60, clients: 12, subscriptions: 24, seed: seed)
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration, inventory: inventory) {
            plesk in
            let client = try PleskAPIClient(target: plesk.target(), logger: testLogger)
            defer { Task { await client.shutdown() } }
            let store = try SQLiteInventoryStore(path: directory.file("walk.db"), logger: testLogger)
            let poller = TargetPoller(
                target: "web01", url: plesk.url, source: client, store: store,
                settings: PollSettings(
                    collectOwners: false, removalGuard: RemovalGuard(maxFraction: 0.5, confirmPolls: 1)),
                logger: testLogger)
            var random = SeededGenerator(seed: seed)
            func roll(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

            let baseline = try await poller.poll()
            #expect(baseline.succeeded && baseline.failedKinds.isEmpty)
            var knownPlanNames = Truth(plesk.inventory, knownPlanNames: [:]).planNames
            var lastSubscriptions = Truth(plesk.inventory, knownPlanNames: knownPlanNames).subscriptions
            var lastPlans = Truth(plesk.inventory, knownPlanNames: knownPlanNames).plans
            var added: [Int] = []
            var addedPlans: [Int] = []
            var faultsSeen = 0
            var changesSeen = 0

            for step in 0..<30 {
                for _ in 0..<(1 + roll(3)) {
                    let now = plesk.inventory
                    let subscription = now.subscriptions[roll(now.subscriptions.count)]
                    let servicePlans = now.servicePlans.filter { $0.kind == .service }
                    switch roll(10) {
                    case 0: try plesk.suspendSubscription(id: subscription.id, by: [.admin, .reseller, .customer][roll(3)])
                    case 1: try plesk.unsuspendSubscription(id: subscription.id)
                    case 2: try plesk.expireSubscription(id: subscription.id)
                    case 3:
                        let plan = servicePlans[roll(servicePlans.count)]
                        try plesk.changePlan(ofSubscription: subscription.id, to: plan.guid)
                    case 4:
                        try plesk.setUsage(ofSubscription: subscription.id, diskBytes: Int64(roll(1 << 30)) * 8)
                    case 5:
                        let plan = servicePlans[roll(servicePlans.count)]
                        try plesk.renameServicePlan(id: plan.id, to: "Plan \(step)-\(roll(1000))")
                    case 6:
                        let domain = try plesk.addDomain("walk-\(seed)-\(step)-\(roll(10_000)).example")
                        added.append(domain.id)
                    case 7:
                        if let id = added.popLast() { try plesk.removeDomain(id: id) }
                    case 8:
                        if roll(2) == 0 {
                            addedPlans.append(try plesk.addServicePlan("Extra \(step)", limits: ["disk_space": 1 << 30]).id)
                        } else if let id = addedPlans.popLast() {
                            try plesk.removeServicePlan(id: id, detachingSubscriptions: true)
                        }
                    default:
                        let plan = servicePlans[roll(servicePlans.count)]
                        try plesk.setLimit("disk_space", to: Int64(1 + roll(100)) << 30, forServicePlan: plan.id)
                    }
                }
                if roll(3) == 0 {
                    let endpoint: SimulatedPlesk.Endpoint = roll(2) == 0 ? .xmlWebspace : .xmlServicePlan
                    plesk.inject(Self.faults[roll(Self.faults.count)], on: endpoint, times: 1)
                }

                let report = try await poller.poll()
                plesk.clearFaults()
                #expect(report.succeeded, "step \(step): the REST side never fails here")
                let events = report.events.filter { !$0.baseline }
                faultsSeen += report.failedKinds.count
                changesSeen += events.count { $0.kind == .subscription || $0.kind == .plan }
                for kind in [ObjectKind.subscription, .plan] where report.failedKinds[kind] != nil {
                    #expect(events.allSatisfy { $0.kind != kind }, "step \(step): a failed \(kind) made events")
                }
                // Plans first: a subscription's plan name is what the plans last collected say.
                if report.failedKinds[.plan] == nil {
                    let truth = Truth(plesk.inventory, knownPlanNames: [:])
                    #expect(
                        Set(events.filter { $0.kind == .plan }.map { "\($0.change.rawValue) plan \($0.key)" })
                            == Truth.difference(lastPlans, truth.plans, kind: .plan), "step \(step)")
                    lastPlans = truth.plans
                    knownPlanNames = truth.planNames
                }
                if report.failedKinds[.subscription] == nil {
                    let truth = Truth(plesk.inventory, knownPlanNames: knownPlanNames)
                    #expect(
                        Set(events.filter { $0.kind == .subscription }.map { "\($0.change.rawValue) subscription \($0.key)" })
                            == Truth.difference(lastSubscriptions, truth.subscriptions, kind: .subscription),
                        "step \(step)")
                    lastSubscriptions = truth.subscriptions
                }
            }
            #expect(faultsSeen > 0, "the walk met at least one XML API fault")
            #expect(changesSeen > 20, "the walk changed subscriptions and plans")
            // What is stored is what the server has (as of each kind's last collection).
            let stored = try await store.inventory(target: "web01", kind: .subscription, at: nil)
            #expect(Set(stored.map(\.entry.object.key)) == Set(lastSubscriptions.keys))
            let storedPlans = try await store.inventory(target: "web01", kind: .plan, at: nil)
            #expect(Set(storedPlans.map(\.entry.object.key)) == Set(lastPlans.keys))
        }
    }
}
