import PleskSimulator
import Testing

@Suite struct InventoryTests {
    @Test func punycode() {
        #expect(Punycode.asciiName(for: "bücher.example") == "xn--bcher-kva.example")
        #expect(Punycode.asciiName(for: "München.de") == "xn--mnchen-3ya.de")
        #expect(Punycode.asciiName(for: "日本.example") == "xn--wgv71a.example")
        #expect(Punycode.asciiName(for: "straße.example") == "xn--strae-oqa.example")
        #expect(Punycode.asciiName(for: "Example.COM") == "example.com")
        #expect(Punycode.encode("café") == "caf-dma")
    }

    // How long it takes is the benchmark's business (a timed assertion fails on a loaded machine, proving nothing).
    @Test func generateLargeInventory() {
        let inventory = PleskInventory.generate(domains: 100_000, clients: 20_000, seed: 42)
        #expect(inventory.domains.count == 100_000)
        #expect(inventory.clients.count == 20_000)
        #expect(inventory.clients.first?.type == .admin)

        let domainIDs = inventory.domains.map(\.id)
        #expect(domainIDs == Array(1...100_000))
        #expect(Set(inventory.domains.map(\.guid)).count == 100_000)
        #expect(Set(inventory.domains.map(\.name)).count == 100_000)
        #expect(Set(inventory.clients.map(\.login)).count == 20_000)
        let clientIDs = Set(inventory.clients.map(\.id))
        #expect(inventory.domains.allSatisfy { clientIDs.contains($0.ownerClientID) })
        #expect(inventory.domains.allSatisfy { $0.baseDomainID == 0 || $0.baseDomainID < $0.id })
        #expect(inventory.domains.contains { $0.baseDomainID != 0 })
        #expect(inventory.domains.contains { $0.hostingType == .standardForwarding })
        #expect(inventory.domains.contains { $0.asciiName.hasPrefix("xn--") && $0.name != $0.asciiName })
        #expect(inventory.domains.contains { !$0.aliases.isEmpty })
        #expect(inventory.clients.contains { $0.type == .reseller })
        #expect(inventory.clients.contains { $0.status == .disabledByAdmin })
        #expect(inventory.clients.contains { $0.status == .expired })
        let logins = Set(inventory.clients.map(\.login))
        #expect(inventory.clients.allSatisfy { $0.ownerLogin.map(logins.contains) ?? ($0.type == .admin) })
    }

    @Test func generateIsDeterministic() {
        let first = PleskInventory.generate(domains: 500, clients: 50, seed: 7)
        let second = PleskInventory.generate(domains: 500, clients: 50, seed: 7)
        let other = PleskInventory.generate(domains: 500, clients: 50, seed: 8)
        #expect(first.domains.map(\.guid) == second.domains.map(\.guid))
        #expect(first.clients == second.clients)
        #expect(first.domains.map(\.guid) != other.domains.map(\.guid))
    }

    @Test func demoInventoryIsRealistic() throws {
        let demo = PleskInventory.demo()
        #expect(demo.domains.count >= 25)
        let buecher = try #require(demo.domain(named: "bücher.example"))
        #expect(buecher.asciiName == "xn--bcher-kva.example")
        #expect(demo.domain(named: "xn--bcher-kva.example")?.id == buecher.id)
        #expect(demo.domains.contains { $0.baseDomainID == buecher.id })
        #expect(demo.domains.contains { $0.hostingType == .standardForwarding && $0.wwwRoot.isEmpty })
        #expect(demo.domains.contains { $0.hostingType == .frameForwarding })
        #expect(demo.domains.contains { !$0.aliases.isEmpty })
        #expect(demo.clients.filter { $0.type == .reseller }.count == 2)
        #expect(demo.clients.contains { $0.status == .disabledByAdmin })
        #expect(demo.clients.contains { $0.status == .expired })
        #expect(demo.domains.contains { $0.status == .suspended })
        #expect(PleskInventory.demo().domains == demo.domains)
    }

    @Test func mutationsKeepIdsAndRelationsConsistent() throws {
        var inventory = PleskInventory()
        let reseller = try inventory.addClient(login: "res", type: .reseller)
        let customer = try inventory.addClient(login: "cust", ownerLogin: "res")
        let site = try inventory.addDomain("site.example", ownerClientID: customer.id, aliases: ["site.example.net"])
        let blog = try inventory.addDomain("blog.site.example", ownerClientID: customer.id, baseDomainID: site.id)
        #expect(site.id == 1 && blog.id == 2)
        #expect(site.aliases.first?.id == 1)
        #expect(site.created == inventory.today)

        #expect(throws: SimulatorError.self) { try inventory.addDomain("site.example") }
        #expect(throws: SimulatorError.self) { try inventory.addDomain("x.example", ownerClientID: 99) }
        #expect(throws: SimulatorError.self) { try inventory.addClient(login: "res") }
        #expect(throws: SimulatorError.self) { try inventory.removeClient(id: SimulatedClient.adminID) }

        try inventory.renameDomain(id: site.id, to: "müller.example")
        #expect(inventory.domain(id: site.id)?.asciiName == "xn--mller-kva.example")

        try inventory.updateClient(id: reseller.id) { $0.login = "reseller-renamed" }
        #expect(inventory.client(id: customer.id)?.ownerLogin == "reseller-renamed")

        // Removing the reseller removes its customer and the customer's domains.
        try inventory.removeClient(id: reseller.id)
        #expect(inventory.clients.map(\.id) == [SimulatedClient.adminID])
        #expect(inventory.domains.isEmpty)

        let next = try inventory.addDomain("next.example")
        #expect(next.id == 3)
        let removedBase = try inventory.addDomain("sub.next.example", baseDomainID: next.id)
        try inventory.removeDomain(id: next.id)
        #expect(inventory.domain(id: removedBase.id) == nil)
    }
}
