import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

@Suite struct MutationTests {
    @Test func changesAreVisibleInTheNextResponse() async throws {
        try await withSimulator { plesk, client throws in
            func domains() async throws -> [String: [String: Any]] {
                let items = try await client.fetch(plesk, "/api/v2/domains").jsonArray()
                return Dictionary(uniqueKeysWithValues: items.map { ($0["name"] as! String, $0) })
            }
            let before = try await domains()

            let added = try plesk.addDomain("new.example", hostingType: .frameForwarding)
            #expect(try await domains()["new.example"]?["id"] as? Int == added.id)
            #expect(try await domains()["new.example"]?["www_root"] as? String == "")

            try plesk.renameDomain(id: added.id, to: "renamed.example")
            let renamed = try await domains()
            #expect(renamed["new.example"] == nil)
            #expect(renamed["renamed.example"]?["guid"] as? String == added.guid)

            try plesk.setHostingType(.virtual, forDomain: added.id)
            #expect(try await domains()["renamed.example"]?["www_root"] as? String == "/var/www/vhosts/renamed.example/httpdocs")

            try plesk.addAlias("alias.example", toDomain: added.id)
            let aliases = try await domains()["renamed.example"]?["aliases"] as? [[String: Any]]
            #expect(aliases?.first?["name"] as? String == "alias.example")

            try plesk.setStatus(.disabled, forDomain: added.id)
            let status = try await client.fetch(plesk, "/api/v2/domains/\(added.id)/status").jsonObject()
            #expect(status["status"] as? String == "disabled")

            let customer = try plesk.addClient(login: "newbie", name: "New Bie", ownerLogin: "hostco", externalID: "ext-1")
            try plesk.setOwner(clientID: customer.id, forDomain: added.id)
            let owned = try await client.fetch(plesk, "/api/v2/clients/\(customer.id)/domains").jsonArray()
            #expect(owned.map { $0["id"] as? Int } == [added.id])
            let owner = try await client.fetch(plesk, "/api/v2/domains/\(added.id)/client").jsonObject()
            #expect(owner["login"] as? String == "newbie")
            #expect(owner["owner_login"] as? String == "hostco")
            #expect(owner["external_id"] as? String == "ext-1")

            try plesk.setStatus(.disabledByAdmin, forClient: customer.id)
            try plesk.updateClient(id: customer.id) {
                $0.login = "veteran"
                $0.email = "vet@example.com"
                $0.type = .reseller
            }
            let clients = try await client.fetch(plesk, "/api/v2/clients").jsonArray()
            let changed = try #require(clients.first { $0["id"] as? Int == customer.id })
            #expect(changed["login"] as? String == "veteran")
            #expect(changed["status"] as? Int == 16)
            #expect(changed["type"] as? String == "reseller")
            #expect(changed["email"] as? String == "vet@example.com")

            try plesk.removeClient(id: customer.id)
            let after = try await domains()
            #expect(after["renamed.example"] == nil)
            #expect(after.count == before.count)
            #expect(try await client.fetch(plesk, "/api/v2/clients/\(customer.id)/domains").status == 404)

            plesk.update { $0.server.panelVersion = "18.0.77" }
            #expect(try await client.fetch(plesk, "/api/v2/server").jsonObject()["panel_version"] as? String == "18.0.77")
        }
    }

    /// Content only: how fast the simulator serves is the benchmark's to measure (a timed test fails under load).
    @Test func largeInventoryIsServedWithoutRecomputing() async throws {
        let inventory = PleskInventory.generate(domains: 100_000, clients: 20_000, seed: 3)
        try await withSimulator(inventory: inventory) { plesk, client throws in
            let first = try await client.fetch(plesk, "/api/v2/domains")
            #expect(try first.jsonArray().count == 100_000)

            // Unchanged inventory: the same body again.
            let second = try await client.fetch(plesk, "/api/v2/domains")
            #expect(second.body == first.body)
            let clients = try await client.fetch(plesk, "/api/v2/clients").jsonArray()
            #expect(clients.count == 20_000)

            // Per-client lookups.
            var total = 0
            for id in 2...101 {
                total += try await client.fetch(plesk, "/api/v2/clients/\(id)/domains").jsonArray().count
            }
            #expect(total == (2...101).reduce(0) { $0 + inventory.domains(ownedBy: $1).count })

            // A mutation is visible at once.
            let added = try plesk.addDomain("one-more.example")
            let after = try await client.fetch(plesk, "/api/v2/domains?name=one-more.example").jsonArray()
            #expect(after.first?["id"] as? Int == added.id)
            #expect(try await client.fetch(plesk, "/api/v2/domains").jsonArray().count == 100_001)
        }
    }
}
