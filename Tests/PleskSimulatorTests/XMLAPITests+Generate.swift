import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

/// `generate(…, subscriptions:)` and the default layout it must leave alone.
extension XMLAPITests {
    /// FNV-1a over the fields of every domain and client, so any change to generate's default output shows.
    static func inventoryDigest(_ inventory: PleskInventory) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01b3
        }
        for domain in inventory.domains {
            feed("\(domain.id) \(domain.guid) \(domain.name) \(domain.asciiName) \(domain.hostingType.rawValue)")
            feed("\(domain.baseDomainID) \(domain.created) \(domain.ownerClientID) \(domain.status.rawValue)")
            for alias in domain.aliases {
                feed("\(alias.id) \(alias.name) \(alias.asciiName) \(alias.web) \(alias.dns) \(alias.mail)")
            }
        }
        for client in inventory.clients {
            feed(
                "\(client.id) \(client.guid) \(client.login) \(client.name) \(client.company) \(client.email) \(client.locale)"
            )
            feed(
                "\(client.status.rawValue) \(client.type.rawValue) \(client.ownerLogin ?? "-") \(client.externalID ?? "-")"
            )
            feed("\(client.description) \(client.created)")
        }
        return hash
    }

    /// The digests were taken from the simulator before subscriptions existed.
    @Test func defaultGenerateAndDemoKeepTheirDomainsAndClients() throws {
        var generated = PleskInventory.generate(domains: 3000, clients: 300, seed: 7)
        #expect(Self.inventoryDigest(generated) == 0xe4a7_096e_8ad0_f458)
        #expect(Self.inventoryDigest(PleskInventory.demo()) == 0x0021_e763_8b14_3d8e)
        #expect(try generated.addDomain("after.example").guid == "361fcbb5-7048-4012-9ea0-3beb7890b89b")
        // Every top-level domain is a plan-less subscription with its REST status.
        #expect(generated.servicePlans.isEmpty)
        Self.expectConsistent(generated)
        #expect(generated.subscriptions.allSatisfy { $0.servicePlanGUID == nil })
        #expect(generated.subscriptions.contains { $0.status == .disabledByAdmin })
        Self.expectConsistent(PleskInventory.demo())
    }

    @Test func generateWithSubscriptions() throws {
        let inventory = PleskInventory.generate(domains: 5000, clients: 600, subscriptions: 1000, seed: 5)
        #expect(inventory.domains.count == 5000)
        #expect(inventory.subscriptions.count == 1000)
        Self.expectConsistent(inventory)
        let mains = Set(inventory.subscriptions.map(\.id))
        #expect(inventory.domains.allSatisfy { $0.baseDomainID == 0 || mains.contains($0.baseDomainID) })
        #expect(
            inventory.domains.allSatisfy {
                $0.baseDomainID == 0 || inventory.domain(id: $0.baseDomainID)?.ownerClientID == $0.ownerClientID
            })
        let statuses = Set(inventory.subscriptions.map(\.status.rawValue))
        #expect(statuses.isSuperset(of: [0, 4, 16, 32, 64, 256, 272, 320]))
        #expect(inventory.subscriptions.contains { $0.usage.diskBytes > Int64(Int32.max) })
        let over = inventory.subscriptions.filter { subscription in
            let limit = inventory.effectiveLimits(of: subscription).limits["disk_space"] ?? -1
            return limit > 0 && subscription.usage.diskBytes > limit
        }
        #expect(!over.isEmpty && over.count < inventory.subscriptions.count / 10)
        #expect(inventory.subscriptions.contains { $0.servicePlanGUID == nil })
        #expect(inventory.subscriptions.contains { !$0.addonPlanGUIDs.isEmpty })
        let adminPlans = inventory.servicePlans.filter {
            $0.ownerClientID == SimulatedClient.adminID && $0.kind == .service
        }
        let resellerPlans = inventory.servicePlans.filter { $0.ownerClientID != SimulatedClient.adminID }
        #expect((3...8).contains(adminPlans.count))
        #expect(!resellerPlans.isEmpty)
        // A subscription on a reseller's plan belongs to one of that reseller's customers.
        for subscription in inventory.subscriptions {
            guard let plan = subscription.servicePlanGUID.flatMap({ inventory.servicePlan(guid: $0) }),
                plan.ownerClientID != SimulatedClient.adminID
            else { continue }
            let owner = inventory.domain(id: subscription.id).flatMap { inventory.client(id: $0.ownerClientID) }
            #expect(owner?.ownerLogin == inventory.client(id: plan.ownerClientID)?.login)
        }
        let again = PleskInventory.generate(domains: 5000, clients: 600, subscriptions: 1000, seed: 5)
        #expect(again.subscriptions == inventory.subscriptions)
        #expect(again.servicePlans == inventory.servicePlans)
        #expect(PleskInventory.generate(domains: 10, clients: 3, subscriptions: 50, seed: 1).subscriptions.count == 10)
        #expect(PleskInventory.generate(domains: 10, clients: 3, subscriptions: 0, seed: 1).subscriptions.count == 1)
    }

    /// 20,000 subscriptions among 100,000 domains, generated and served in one answer (the benchmark's size; how
    /// long it takes is the benchmark's to print, not a test's to assert).
    @Test func twentyThousandSubscriptions() async throws {
        let inventory = PleskInventory.generate(domains: 100_000, clients: 20_000, subscriptions: 20_000, seed: 42)
        #expect(inventory.domains.filter { $0.baseDomainID == 0 }.count == 20_000)
        #expect(inventory.subscriptions.count == 20_000)

        try await withXMLSimulator(inventory: inventory, output: .compactBare) { plesk, client throws in
            let answer = try await client.agent(plesk, Packet.webspace("<filter/>", "<gen_info/><subscriptions/>"))
            let results = answer.text.components(separatedBy: "<result>").count - 1
            #expect(results == 20_000)
            let server = try await client.agent(plesk, Packet.serverStat).xml()
            #expect(try server.string("//objects/domains") == "20000")
            #expect(
                try server.string("//objects/active_domains")
                    == String(inventory.subscriptions.filter { $0.status == .active }.count))
        }
    }
}
