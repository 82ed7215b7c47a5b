import Foundation
import InventoryModel
import PleskAPI
import PleskSimulator
import Testing

/// The client decoding what the simulator serves for every endpoint (the demo inventory).
@Suite("Live: endpoints decode what Plesk serves")
struct LiveEndpointTests {
    @Test("server() decodes the server meta")
    func server() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let server = try await client.server()
                #expect(
                    server
                        == PleskServerInfo(
                            platform: "Unix", hostname: "plesk.demo.example", guid: "7f1c2a9e-3b4d-4e5f-8a6b-0c1d2e3f4a5b",
                            panelVersion: "18.0.76", panelRevision: "6a1c2e5b9d0f4e3a8b7c6d5e4f3a2b1c0d9e8f7a",
                            panelBuildDate: "2026-01-13", panelUpdateVersion: "2", extensionVersion: "2.4.6",
                            extensionRelease: "1"))
            }
        }
    }

    @Test("domains() decodes every domain with aliases and IDN names")
    func domainsWithAliases() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let domains = try await client.domains()
                let served = plesk.inventory.domains
                #expect(domains.count == served.count)
                #expect(domains.map(\.id) == served.map(\.id))
                #expect(domains.map(\.guid) == served.map(\.guid))
                #expect(domains.map(\.asciiName) == served.map(\.asciiName))
                #expect(domains.allSatisfy { $0.aliases != nil })

                let buecher = try #require(domains.first { $0.name == "bücher.example" })
                #expect(buecher.asciiName == "xn--bcher-kva.example")
                #expect(buecher.hostingType == "virtual")
                #expect(buecher.baseDomainID == 0)
                #expect(buecher.wwwRoot == "/var/www/vhosts/xn--bcher-kva.example/httpdocs")
                #expect(buecher.created == "2020-04-23")
                #expect(buecher.aliases?.map(\.name) == ["buecher.example"])
                #expect(buecher.aliases?.first?.asciiName == "buecher.example")

                let shop = try #require(domains.first { $0.name == "shop.bücher.example" })
                #expect(shop.baseDomainID == buecher.id)

                let japanese = try #require(domains.first { $0.name == "日本.example" })
                #expect(japanese.asciiName.hasPrefix("xn--"))

                let forwarding = try #require(domains.first { $0.name == "www-redirect.example" })
                #expect(forwarding.hostingType == "standard_forwarding")
                #expect(forwarding.wwwRoot == "")
                #expect(forwarding.aliases == [])

                let example = try #require(domains.first { $0.name == "example.com" })
                #expect(example.aliases?.map(\.name) == ["example.net", "example.org"])

                let acme = try #require(domains.first { $0.name == "acme.test" })
                let alias = try #require(acme.aliases?.first)
                #expect(alias.name == "acme-corp.example")
                #expect(alias.id != nil)
                #expect(alias.web == true)
                #expect(alias.dns == true)
                #expect(alias.mail == true)
                #expect(alias.seoRedirect == false)

                #expect(domains.first { $0.name == "acme-cdn.example" }?.hostingType == "none")
            }
        }
    }

    @Test("domains() from a server before 18.0.42 has no aliases")
    func domainsWithoutAliases() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP(includeAliases: false)) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let domains = try await client.domains()
                #expect(domains.count == plesk.inventory.domains.count)
                #expect(domains.allSatisfy { $0.aliases == nil })
                #expect(domains.contains { $0.asciiName == "xn--bcher-kva.example" })
            }
        }
    }

    @Test("clients() decodes types, statuses and the optional owner_login / external_id")
    func clients() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let clients = try await client.clients()
                #expect(clients.map(\.login) == plesk.inventory.clients.map(\.login))
                #expect(clients.map(\.guid) == plesk.inventory.clients.map(\.guid))

                let admin = try #require(clients.first)
                #expect(admin.id == 1)
                #expect(admin.type == "admin")
                #expect(admin.ownerLogin == nil)
                #expect(admin.externalID == nil)

                let smith = try #require(clients.first { $0.login == "jsmith" })
                #expect(smith.name == "John Smith")
                #expect(smith.type == "customer")
                #expect(smith.ownerLogin == "hostco")
                #expect(smith.externalID == "link:12345")
                #expect(smith.description == "Nice guy")
                #expect(smith.company == "")
                #expect(smith.created == "2020-01-15")
                #expect(ClientStatus.label(smith.status) == "active")

                let muller = try #require(clients.first { $0.login == "mmuller" })
                #expect(muller.name == "Maria Müller")
                #expect(muller.locale == "de-DE")
                #expect(muller.externalID == nil)

                #expect(clients.first { $0.login == "hostco" }?.type == "reseller")
                #expect(clients.first { $0.login == "oldshop" }?.status == 16)
                #expect(clients.first { $0.login == "trialuser" }.map { ClientStatus.label($0.status) } == "expired")
                #expect(clients.first { $0.login == "migrating" }.map { ClientStatus.label($0.status) } == "backup_restore")
            }
        }
    }

    @Test("clientDomains, domainOwner, domainStatus and clientStatistics")
    func perObjectEndpoints() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let inventory = plesk.inventory
            let muller = try #require(inventory.client(login: "mmuller"))
            let buecher = try #require(inventory.domain(named: "bücher.example"))
            let oldshop = try #require(inventory.domain(named: "oldshop.example"))
            let trial = try #require(inventory.domain(named: "trial.example"))
            try await LiveHarness.withClient(of: plesk) { client in
                let owned = try await client.clientDomains(clientID: muller.id)
                #expect(owned.map(\.name) == ["bücher.example", "shop.bücher.example", "straße.example"])
                #expect(owned.first?.aliases?.map(\.name) == ["buecher.example"])

                let owner = try await client.domainOwner(domainID: buecher.id)
                #expect(owner.id == muller.id)
                #expect(owner.login == "mmuller")
                #expect(owner.guid == muller.guid)
                #expect(owner.ownerLogin == "webagency")

                #expect(try await client.domainStatus(domainID: buecher.id) == PleskDomainStatus(status: "active"))
                #expect(try await client.domainStatus(domainID: oldshop.id).status == "suspended")
                #expect(try await client.domainStatus(domainID: trial.id).status == "disabled")

                let statistics = try await client.clientStatistics(clientID: muller.id)
                let expected = try #require(inventory.statistics(forClient: muller.id))
                #expect(statistics.activeDomains == 2)
                #expect(statistics.subdomains == 1)
                #expect(statistics.databases == 3)
                #expect(
                    statistics
                        == PleskClientStatistics(
                            activeDomains: expected.activeDomains, subdomains: expected.subdomains,
                            diskSpace: expected.diskSpace, emailPostboxes: expected.emailPostboxes,
                            emailRedirects: expected.emailRedirects,
                            emailResponseMessages: expected.emailResponseMessages, mailingLists: expected.mailingLists,
                            databases: expected.databases, traffic: expected.traffic,
                            trafficPrevday: expected.trafficPrevday))
            }
            #expect(
                plesk.requests.map(\.uri) == [
                    "/api/v2/clients/\(muller.id)/domains", "/api/v2/domains/\(buecher.id)/client",
                    "/api/v2/domains/\(buecher.id)/status", "/api/v2/domains/\(oldshop.id)/status",
                    "/api/v2/domains/\(trial.id)/status", "/api/v2/clients/\(muller.id)/statistics",
                ])
        }
    }

    @Test("an unknown id is http 404 with Plesk's message")
    func unknownID() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let status = await LiveHarness.expectFailure(.http, on: .domainStatus) {
                    try await client.domainStatus(domainID: 999_999)
                }
                #expect(status?.status == 404)
                #expect(status?.pleskCode == 404)
                #expect(status?.detail.contains("Domain is not found") == true)

                let owner = await LiveHarness.expectFailure(.http, on: .domainClient) {
                    try await client.domainOwner(domainID: 999_999)
                }
                #expect(owner?.status == 404)

                let domains = await LiveHarness.expectFailure(.http, on: .clientDomains) {
                    try await client.clientDomains(clientID: 999_999)
                }
                #expect(domains?.status == 404)
                #expect(domains?.detail.contains("Client is not found") == true)

                let statistics = await LiveHarness.expectFailure(.http, on: .clientStatistics) {
                    try await client.clientStatistics(clientID: 999_999)
                }
                #expect(statistics?.status == 404)
            }
        }
    }

    @Test("a duplicate guid in /domains is decode")
    func duplicateGUID() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let original = try #require(plesk.inventory.domain(named: "example.com"))
            let copy = try plesk.addDomain("copy.example", guid: original.guid)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.decode, on: .domains) { try await client.domains() }
                #expect(error?.detail.contains(original.guid) == true)
                #expect(error?.detail.contains("\(copy.id)") == true)
            }
        }
    }

    @Test("a duplicate guid in /clients is decode")
    func duplicateClientGUID() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let original = try #require(plesk.inventory.client(login: "jsmith"))
            try plesk.addClient(login: "jsmith2", guid: original.guid)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.decode, on: .clients) { try await client.clients() }
                #expect(error?.detail.contains(original.guid) == true)
            }
        }
    }
}
