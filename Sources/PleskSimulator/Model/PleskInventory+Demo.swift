extension PleskInventory {
    /// A small, realistic, deterministic inventory for `plesk_exporter demo` and examples: resellers and
    /// customers (one disabled, one expired, one under backup), IDN domains (`bücher.example` →
    /// `xn--bcher-kva.example`), subdomains with `base_domain_id`, forwarding domains (`www_root` ""), and aliases;
    /// for the XML API, admin and reseller plans (one named `Web & Mail`) and a subscription on every top-level domain.
    public static func demo(server: SimulatedServerMeta = SimulatedServerMeta()) -> PleskInventory {
        var inventory = PleskInventory(server: server, seed: 0x504C_45534B)
        do {
            try inventory.populateDemo()
        } catch {
            // The demo data is fixed and consistent; reaching this is a programming error caught by the tests.
            assertionFailure("demo inventory is inconsistent: \(error)")
        }
        return inventory
    }

    private mutating func populateDemo() throws(SimulatorError) {
        let hostco = try self.addClient(
            login: "hostco", name: "HostCo Reseller", type: .reseller, company: "HostCo Ltd",
            email: "billing@hostco.example", created: "2019-02-11")
        let agency = try self.addClient(
            login: "webagency", name: "Web Agency", type: .reseller, company: "Web Agency GmbH",
            email: "info@webagency.example", locale: "de-DE", created: "2019-06-03")
        let smith = try self.addClient(
            login: "jsmith", name: "John Smith", company: "", email: "john.smith@example.com",
            ownerLogin: "hostco", externalID: "link:12345", description: "Nice guy", created: "2020-01-15")
        let muller = try self.addClient(
            login: "mmuller", name: "Maria Müller", company: "Müller Buchhandlung", email: "maria@bücher.example",
            locale: "de-DE", ownerLogin: "webagency", created: "2020-04-22")
        let acme = try self.addClient(
            login: "acme", name: "ACME Operations", company: "ACME Corporation", email: "ops@acme.example",
            externalID: "whmcs:881", created: "2020-09-30")
        let bakery = try self.addClient(
            login: "bakery", name: "Bäckerei Schmidt", company: "Schmidt & Söhne", email: "backstube@example.de",
            locale: "de-DE", ownerLogin: "webagency", created: "2021-03-08")
        let oldshop = try self.addClient(
            login: "oldshop", name: "Old Shop", email: "owner@oldshop.example", status: .disabledByAdmin,
            description: "Disabled: unpaid invoices", created: "2021-05-19")
        let trial = try self.addClient(
            login: "trialuser", name: "Trial User", email: "trial@example.org", status: .expired,
            ownerLogin: "hostco", description: "30-day trial", created: "2023-11-02")
        let moving = try self.addClient(
            login: "migrating", name: "Migration in Progress", email: "it@moving.example",
            status: .underBackupRestore, created: "2024-02-14")
        let fietsen = try self.addClient(
            login: "fietsen", name: "Jan de Vries", company: "De Vries Fietsen BV", email: "jan@fietsen.example",
            locale: "nl-NL", created: "2024-07-01")

        let admin = SimulatedClient.adminID
        let example = try self.addDomain(
            "example.com", ownerClientID: admin, aliases: ["example.net", "example.org"], created: "2019-01-20")
        try self.addDomain("www-redirect.example", hostingType: .standardForwarding, ownerClientID: admin, created: "2019-01-21")
        try self.addDomain("mail.example.com", ownerClientID: admin, baseDomainID: example.id, created: "2019-01-22")

        let hostcoSite = try self.addDomain("hostco.example", ownerClientID: hostco.id, created: "2019-02-12")
        try self.addDomain("status.hostco.example", ownerClientID: hostco.id, baseDomainID: hostcoSite.id, created: "2019-02-13")

        let agencySite = try self.addDomain("webagency.example", ownerClientID: agency.id, created: "2019-06-04")
        try self.addDomain("kunden.webagency.example", ownerClientID: agency.id, baseDomainID: agencySite.id, created: "2019-06-05")
        try self.addDomain("日本.example", ownerClientID: agency.id, created: "2022-08-18")

        let johnsmith = try self.addDomain("johnsmith.example", ownerClientID: smith.id, created: "2020-01-16")
        try self.addDomain("blog.johnsmith.example", ownerClientID: smith.id, baseDomainID: johnsmith.id, created: "2020-02-01")
        try self.addDomain("shop.johnsmith.example", ownerClientID: smith.id, baseDomainID: johnsmith.id, created: "2021-07-12")
        try self.addDomain("smith-family.example", hostingType: .frameForwarding, ownerClientID: smith.id, created: "2020-03-03")

        let buecher = try self.addDomain(
            "bücher.example", ownerClientID: muller.id, aliases: ["buecher.example"], created: "2020-04-23")
        try self.addDomain("shop.bücher.example", ownerClientID: muller.id, baseDomainID: buecher.id, created: "2020-05-10")
        try self.addDomain("straße.example", hostingType: .standardForwarding, ownerClientID: muller.id, created: "2020-06-01")

        let acmeSite = try self.addDomain("acme.example", ownerClientID: acme.id, created: "2020-10-01")
        try self.addDomain("staging.acme.example", ownerClientID: acme.id, baseDomainID: acmeSite.id, created: "2020-10-02")
        try self.addDomain("api.acme.example", ownerClientID: acme.id, baseDomainID: acmeSite.id, created: "2021-01-05")
        try self.addDomain("acme-cdn.example", hostingType: .none, ownerClientID: acme.id, created: "2021-02-17")
        let acmeTest = try self.addDomain("acme.test", ownerClientID: acme.id, created: "2022-05-30")
        try self.addAlias("acme-corp.example", toDomain: acmeTest.id, web: true, dns: true, mail: true, seoRedirect: false)

        try self.addDomain(
            "bäckerei-schmidt.example", ownerClientID: bakery.id, aliases: ["baeckerei-schmidt.example"], created: "2021-03-09")
        try self.addDomain("café-schmidt.example", hostingType: .frameForwarding, ownerClientID: bakery.id, created: "2021-04-01")

        let oldshopSite = try self.addDomain(
            "oldshop.example", ownerClientID: oldshop.id, status: .suspended, created: "2021-05-20")
        try self.addDomain(
            "clearance.oldshop.example", ownerClientID: oldshop.id, baseDomainID: oldshopSite.id, status: .suspended,
            created: "2021-06-01")

        try self.addDomain("trial.example", ownerClientID: trial.id, status: .disabled, created: "2023-11-03")

        try self.addDomain("moving.example", ownerClientID: moving.id, created: "2024-02-15")

        let fietsenSite = try self.addDomain("fietsen.example", ownerClientID: fietsen.id, created: "2024-07-02")
        try self.addDomain("verhuur.fietsen.example", ownerClientID: fietsen.id, baseDomainID: fietsenSite.id, created: "2024-07-03")
        try self.addDomain("fietsen-old.example", hostingType: .standardForwarding, ownerClientID: fietsen.id, created: "2024-07-04")

        try self.populateDemoSubscriptions(hostco: hostco.id, agency: agency.id)
        self.server.hostname = "plesk.demo.example"
    }

    /// Plans of the admin and both resellers, and the subscription settings of every top-level domain: one on no
    /// plan, one with add-ons, statuses 0, 4, 272 and 320 (matching the domains' REST statuses), one over its disk
    /// limit, sizes above 2^31, a locked and a customised one.
    private mutating func populateDemoSubscriptions(hostco: Int, agency: Int) throws(SimulatorError) {
        typealias Limit = SimulatedServicePlan.Limit
        let gib: Int64 = 1 << 30
        let mib: Int64 = 1 << 20
        func limits(_ disk: Int64, traffic: Int64, sites: Int64, expiration: Int64 = Limit.unlimited) -> [String: Int64] {
            [Limit.maxSite: sites, Limit.diskSpace: disk, Limit.maxTraffic: traffic, Limit.expiration: expiration]
        }
        let unlimited = Limit.unlimited
        try self.addServicePlan(
            "Default Domain", overuse: .notSuspend, limits: limits(unlimited, traffic: unlimited, sites: unlimited))
        let starter = try self.addServicePlan(
            "Starter", overuse: .block, limits: limits(1 * gib, traffic: 10 * gib, sites: 1), externalID: "whmcs-plan-1")
        let business = try self.addServicePlan(
            "Business", overuse: .block, limits: limits(10 * gib, traffic: unlimited, sites: 5), externalID: "whmcs-plan-2")
        let unlimitedPlan = try self.addServicePlan(
            "Unlimited", overuse: .notSuspendNotify, limits: limits(unlimited, traffic: unlimited, sites: unlimited))
        let storage = try self.addServicePlan("Extra Storage", kind: .addon, limits: [Limit.diskSpace: 5 * gib])
        let sites = try self.addServicePlan("Extra Sites", kind: .addon, limits: [Limit.maxSite: 5])
        let hostcoBasic = try self.addServicePlan(
            "HostCo Basic", ownerClientID: hostco, overuse: .block, limits: limits(2 * gib, traffic: 20 * gib, sites: 1))
        let hostcoPro = try self.addServicePlan(
            "HostCo Pro", ownerClientID: hostco, overuse: .notify, limits: limits(20 * gib, traffic: 200 * gib, sites: 10))
        let webAndMail = try self.addServicePlan(
            "Web & Mail", ownerClientID: agency, overuse: .normal, limits: limits(5 * gib, traffic: 50 * gib, sites: 3))

        // name → (plan, add-ons, disk bytes, traffic bytes)
        let settings: [(String, SimulatedServicePlan?, [SimulatedServicePlan], Int64, Int64)] = [
            ("example.com", business, [storage, sites], 734_003_200, 5_896_615_637),
            ("www-redirect.example", nil, [], 0, 0),
            ("hostco.example", unlimitedPlan, [], 3_221_225_472, 42_949_672_960),
            ("webagency.example", business, [], 2_684_354_560, 9_663_676_416),
            ("日本.example", starter, [], 104_857_600, 524_288_000),
            ("johnsmith.example", hostcoPro, [], 3_758_096_384, 12_884_901_888),
            ("smith-family.example", hostcoBasic, [], 1_048_576, 0),
            ("bücher.example", webAndMail, [], 2_147_483_648 + 512 * mib, 7_516_192_768),
            ("straße.example", webAndMail, [], 0, 0),
            ("acme.example", business, [], 12 * gib + 123_456_789, 96_636_764_160),
            ("acme-cdn.example", starter, [], 0, 0),
            ("acme.test", business, [], 209_715_200, 1_073_741_824),
            ("bäckerei-schmidt.example", webAndMail, [], 857_735_168, 3_221_225_472),
            ("café-schmidt.example", webAndMail, [], 0, 0),
            ("oldshop.example", starter, [], 943_718_400, 0),
            ("trial.example", hostcoBasic, [], 52_428_800, 0),
            ("moving.example", starter, [], 419_430_400, 1_073_741_824),
            ("fietsen.example", business, [], 1_288_490_188, 4_294_967_296),
            ("fietsen-old.example", nil, [], 0, 0),
        ]
        for (name, plan, addons, disk, traffic) in settings {
            guard let id = self.subscription(named: name)?.id else {
                throw SimulatorError(.unknownSubscription, "the demo has no subscription \(name)")
            }
            if let plan { try self.changePlan(ofSubscription: id, to: plan.guid, addonPlanGUIDs: addons.map(\.guid)) }
            try self.setUsage(ofSubscription: id, diskBytes: disk, trafficBytes: traffic, trafficPreviousDayBytes: traffic / 30)
        }
        func id(_ name: String) throws(SimulatorError) -> Int {
            guard let subscription = self.subscription(named: name) else {
                throw SimulatorError(.unknownSubscription, "the demo has no subscription \(name)")
            }
            return subscription.id
        }
        try self.setStatus([.disabledByAdmin, .expired], forSubscription: id("oldshop.example"))
        try self.expireSubscription(id: id("oldshop.example"), at: 1_672_531_200)
        try self.setStatus([.disabledByCustomer, .expired], forSubscription: id("trial.example"))
        try self.expireSubscription(id: id("trial.example"), at: 1_701_475_200)
        try self.setStatus(.underBackupRestore, forSubscription: id("moving.example"))
        let johnsmith = try id("johnsmith.example")
        let buecher = try id("bücher.example")
        let acmeTest = try id("acme.test")
        let japan = try id("日本.example")
        try? self.updateSubscription(id: johnsmith) { $0.locked = true }
        try self.setLimit(Limit.diskSpace, to: 8 * gib, forSubscription: buecher)
        try? self.updateSubscription(id: acmeTest) { $0.externalID = "whmcs:881-1" }
        try? self.updateSubscription(id: japan) { $0.externalID = "link:jp-1" }
    }
}
