import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Changes made through the running server show in the next answer of both APIs, and keep them consistent.
extension XMLAPITests {
    /// Every top-level domain is a subscription with its id, and its REST status reads as the subscription's does.
    static func expectConsistent(_ inventory: PleskInventory, sourceLocation: SourceLocation = #_sourceLocation) {
        let topLevel = inventory.domains.filter { $0.baseDomainID == 0 }
        #expect(topLevel.map(\.id) == inventory.subscriptions.map(\.id), sourceLocation: sourceLocation)
        for (domain, subscription) in zip(topLevel, inventory.subscriptions) {
            #expect(domain.status == subscription.status.restStatus, "\(domain.name)", sourceLocation: sourceLocation)
        }
        let guids = Set(inventory.servicePlans.map(\.guid))
        for subscription in inventory.subscriptions {
            #expect(
                subscription.servicePlanGUID.map(guids.contains) ?? subscription.addonPlanGUIDs.isEmpty,
                sourceLocation: sourceLocation)
            #expect(subscription.addonPlanGUIDs.allSatisfy(guids.contains), sourceLocation: sourceLocation)
        }
    }

    @Test func subscriptionMutationsShowOverBothAPIs() async throws {
        try await withXMLSimulator { plesk, client throws in
            let id = try #require(plesk.inventory.subscription(named: "bäckerei-schmidt.example")).id
            func genInfo() async throws -> XMLElement? {
                try await client.agent(plesk, Packet.webspace("<filter><id>\(id)</id></filter>", Packet.allDatasets))
                    .xml()
                    .elements("//result/data/gen_info").first
            }
            func data() async throws -> XMLElement? {
                try await client.agent(plesk, Packet.webspace("<filter><id>\(id)</id></filter>", Packet.allDatasets))
                    .xml()
                    .elements("//result/data").first
            }
            func rest() async throws -> String? {
                try await client.fetch(plesk, "/api/v2/domains/\(id)/status").jsonObject()["status"] as? String
            }

            try plesk.suspendSubscription(id: id, by: .reseller)
            #expect(try await genInfo()?.text("status") == "32")
            #expect(try await rest() == "suspended")
            try plesk.suspendSubscription(id: id, by: .admin)
            #expect(try await genInfo()?.text("status") == "48")
            try plesk.unsuspendSubscription(id: id, by: .reseller)
            #expect(try await genInfo()?.text("status") == "16")
            try plesk.unsuspendSubscription(id: id)
            #expect(try await genInfo()?.text("status") == "0")
            #expect(try await rest() == "active")

            try plesk.suspendSubscription(id: id, by: .customer)
            #expect(try await rest() == "disabled")
            try plesk.unsuspendSubscription(id: id)

            try plesk.expireSubscription(id: id, at: 1_750_000_000)
            let expired = try await data()
            #expect(expired?.child("gen_info")?.text("status") == "256")
            #expect(expired?.limit("expiration") == "1750000000")
            #expect(try await rest() == "suspended")
            try plesk.setStatus([.expired, .disabledByCustomer], forSubscription: id)
            #expect(try await genInfo()?.text("status") == "320")
            try plesk.setStatus(.active, forSubscription: id)

            // The REST status, set on the main domain, reaches the subscription (and keeps an equivalent mask).
            try plesk.setStatus(.suspended, forDomain: id)
            #expect(try await genInfo()?.text("status") == "16")
            try plesk.setStatus(.disabled, forDomain: id)
            #expect(try await genInfo()?.text("status") == "64")
            try plesk.setStatus(.active, forDomain: id)
            #expect(try await genInfo()?.text("status") == "0")

            try plesk.setUsage(
                ofSubscription: id, diskBytes: 5_000_000_000, trafficBytes: 123, trafficPreviousDayBytes: 4)
            let used = try await data()
            #expect(used?.child("gen_info")?.text("real_size") == "5000000000")
            #expect(used?.child("stat")?.text("traffic") == "123")
            #expect(used?.child("stat")?.text("traffic_prevday") == "4")

            let starter = try #require(plesk.inventory.servicePlan(named: "Starter"))
            try plesk.changePlan(ofSubscription: id, to: starter.guid)
            let moved = try await data()
            #expect(
                moved?.child("subscriptions")?.child("subscription")?.child("plan")?.text("plan-guid") == starter.guid)
            #expect(moved?.child("limits")?.text("overuse") == "block")
            try plesk.setLimit("disk_space", to: -1, forSubscription: id)
            let custom = try await data()
            #expect(custom?.limit("disk_space") == "-1")
            #expect(custom?.child("subscriptions")?.child("subscription")?.text("synchronized") == "false")
            try plesk.changePlan(ofSubscription: id, to: nil)
            #expect(try await data()?.child("subscriptions")?.childNames == [])

            try plesk.updateSubscription(id: id) {
                $0.externalID = "crm-7"
                $0.locked = true
            }
            #expect(try await genInfo()?.text("external-id") == "crm-7")

            // Domains: renames, owner changes, add-on domains and removal reach the subscription.
            try plesk.renameDomain(id: id, to: "bäckerei-neu.example")
            #expect(try await genInfo()?.text("name") == "bäckerei-neu.example")
            #expect(try await genInfo()?.text("ascii-name") == Punycode.asciiName(for: "bäckerei-neu.example"))
            let acme = try #require(plesk.inventory.client(login: "acme"))
            try plesk.setOwner(clientID: acme.id, forDomain: id)
            #expect(try await genInfo()?.text("owner-id") == String(acme.id))
            try plesk.addDomain("blog.bäckerei-neu.example", ownerClientID: acme.id, baseDomainID: id)
            try plesk.addDomain("zweite-seite.example", ownerClientID: acme.id, baseDomainID: id)
            let stat = try await data()?.child("stat")
            #expect(stat?.text("subdom") == "1")
            #expect(stat?.text("domains") == "2")
            #expect(stat?.text("sites") == "3")
            Self.expectConsistent(plesk.inventory)

            try plesk.removeDomain(id: id)
            let gone = try await client.agent(plesk, Packet.webspace("<filter><id>\(id)</id></filter>")).xml()
            #expect(try gone.string("//result/errcode") == "1013")
            #expect(plesk.inventory.subscription(id: id) == nil)
            Self.expectConsistent(plesk.inventory)
        }
    }

    @Test func addingAndMovingTopLevelDomains() async throws {
        try await withXMLSimulator { plesk, client throws in
            let business = try #require(plesk.inventory.servicePlan(named: "Business"))
            let added = try plesk.addSubscription(
                "neu.example", servicePlanGUID: business.guid, status: .disabledByAdmin, externalID: "crm-1",
                usage: .init(diskBytes: 3 << 30))
            #expect(
                try await client.fetch(plesk, "/api/v2/domains/\(added.id)/status").jsonObject()["status"] as? String
                    == "suspended")
            let answer = try await client.agent(
                plesk, Packet.webspace("<filter><name>neu.example</name></filter>", Packet.allDatasets)
            ).xml()
            #expect(try answer.string("//gen_info/status") == "16")
            #expect(try answer.string("//gen_info/real_size") == String(3 << 30))
            #expect(try answer.string("//plan-guid") == business.guid)

            // A plain domain is a subscription without a plan; made a subdomain, it is none.
            let plain = try plesk.addDomain("plain.example")
            #expect(plesk.inventory.subscription(id: plain.id)?.servicePlanGUID == nil)
            try plesk.updateDomain(id: plain.id) { $0.baseDomainID = added.id }
            #expect(plesk.inventory.subscription(id: plain.id) == nil)
            try plesk.updateDomain(id: plain.id) { $0.baseDomainID = 0 }
            #expect(plesk.inventory.subscription(id: plain.id) != nil)
            Self.expectConsistent(plesk.inventory)

            #expect(throws: SimulatorError.self) {
                try plesk.addSubscription("bad.example", servicePlanGUID: "no-such-plan")
            }
            #expect(plesk.inventory.domain(named: "bad.example") == nil)
            let addon = try #require(plesk.inventory.servicePlan(named: "Extra Storage", kind: .addon))
            #expect(throws: SimulatorError.self) { try plesk.changePlan(ofSubscription: added.id, to: addon.guid) }
        }
    }

    @Test func planMutations() async throws {
        try await withXMLSimulator { plesk, client throws in
            func plans() async throws -> [XMLElement] {
                try await client.agent(plesk, Packet.servicePlans(owner: "<owner-all/>")).xml().elements("//result")
            }
            let hostco = try #require(plesk.inventory.client(login: "hostco"))
            let added = try plesk.addServicePlan(
                "Gold", ownerClientID: hostco.id, overuse: .notify, limits: ["disk_space": 1 << 40])
            #expect(
                try await plans().contains { $0.text("name") == "Gold" && $0.text("owner-id") == String(hostco.id) })
            try plesk.renameServicePlan(id: added.id, to: "Platinum")
            #expect(try await plans().contains { $0.text("name") == "Platinum" })
            #expect(throws: SimulatorError.self) { try plesk.renameServicePlan(id: added.id, to: "HostCo Basic") }
            let customer = try #require(plesk.inventory.client(login: "jsmith"))
            #expect(throws: SimulatorError.self) { try plesk.addServicePlan("Mine", ownerClientID: customer.id) }

            // A plan's limits reach its subscriptions, except locked ones, which keep theirs and fall out of sync.
            let business = try #require(plesk.inventory.servicePlan(named: "Business"))
            let follower = try #require(plesk.inventory.subscription(named: "acme.example"))
            let locked = try #require(plesk.inventory.subscription(named: "fietsen.example"))
            try plesk.updateSubscription(id: locked.id) { $0.locked = true }
            try plesk.setLimit("disk_space", to: 20 << 30, forServicePlan: business.id)
            try plesk.setOveruse(.notify, forServicePlan: business.id)
            func limits(_ id: Int) async throws -> XMLElement? {
                try await client.agent(
                    plesk, Packet.webspace("<filter><id>\(id)</id></filter>", "<limits/><subscriptions/>")
                ).xml()
                    .elements("//result/data").first
            }
            let followed = try await limits(follower.id)
            #expect(followed?.limit("disk_space") == String(20 << 30))
            #expect(followed?.child("limits")?.text("overuse") == "notify")
            let kept = try await limits(locked.id)
            #expect(kept?.limit("disk_space") == String(10 << 30))
            #expect(kept?.child("limits")?.text("overuse") == "block")
            #expect(kept?.child("subscriptions")?.child("subscription")?.text("synchronized") == "false")

            // Plans in use are kept unless their subscriptions are detached, which keep their limits.
            let starter = try #require(plesk.inventory.servicePlan(named: "Starter"))
            #expect(throws: SimulatorError.self) { try plesk.removeServicePlan(id: starter.id) }
            let onStarter = plesk.inventory.subscriptions(onPlan: starter.guid)
            #expect(!onStarter.isEmpty)
            try plesk.removeServicePlan(id: starter.id, detachingSubscriptions: true)
            #expect(try await plans().contains { $0.text("name") == "Starter" } == false)
            for subscription in onStarter {
                let data = try await limits(subscription.id)
                #expect(data?.child("subscriptions")?.childNames == [])
                #expect(data?.limit("disk_space") == String(1 << 30))
            }
            try plesk.removeServicePlan(id: added.id)

            // Removing a reseller removes its plans with its customers.
            try plesk.removeClient(id: hostco.id)
            #expect(try await plans().contains { $0.text("owner-id") == String(hostco.id) } == false)
            Self.expectConsistent(plesk.inventory)
        }
    }

    @Test func demoChurnChangesSubscriptionsAndKeepsThemConsistent() async throws {
        try await withXMLSimulator { plesk, _ throws in
            let churn = DemoChurn(simulator: plesk, every: .seconds(3600), logger: plesk.configuration.logger)
            let before = plesk.inventory
            var generator = SeededGenerator(seed: 11)
            var changes: [String] = []
            for number in 1...300 {
                if let change = churn.applyRandomChange(number: number, using: &generator) { changes.append(change) }
            }
            #expect(changes.contains { $0.hasPrefix("subscription") && $0.contains("suspended by") })
            #expect(changes.contains { $0.contains("moved from plan") })
            #expect(changes.contains { $0.hasPrefix("disk usage") })
            let after = plesk.inventory
            Self.expectConsistent(after)
            #expect(
                after.subscriptions.map(\.usage.diskBytes).reduce(0, +)
                    > before.subscriptions.map(\.usage.diskBytes).reduce(0, +))
        }
    }
}
