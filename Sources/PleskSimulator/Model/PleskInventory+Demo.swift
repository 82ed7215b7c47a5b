extension PleskInventory {
    /// A small, realistic, deterministic inventory for `plesk_exporter demo` and examples: resellers and
    /// customers (one disabled, one expired, one under backup), IDN domains (`bücher.example` →
    /// `xn--bcher-kva.example`), subdomains with `base_domain_id`, forwarding domains (`www_root` ""), and aliases.
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

        self.server.hostname = "plesk.demo.example"
    }
}
