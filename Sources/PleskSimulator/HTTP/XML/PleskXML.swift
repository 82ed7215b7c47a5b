/// The XML API encoding of the simulator's model: element names, nesting and order as Plesk's 1.6.9.1 schema has
/// them (see `plesk-xml-api.md` §2–§5). Optional elements the reference marks as inferred follow its example.
enum PleskXML {
    static let contentType = "text/xml; charset=UTF-8"

    /// A whole answer made of one `<system>` error (checkup errors: authentication, version, parsing, permission).
    static func systemError(code: Int, text: String, version: String, withEncoding: Bool, pretty: Bool) -> [UInt8] {
        var writer = XMLWriter(pretty: pretty, capacity: 256)
        writer.declaration(withEncoding: withEncoding)
        writer.open("packet", attribute: ("version", version))
        writer.open("system")
        writer.leaf("status", "error")
        writer.leaf("errcode", code)
        writer.leaf("errtext", text)
        writer.close("system")
        writer.close("packet")
        return writer.bytes
    }

    // MARK: webspace

    /// `<data>` of one `webspace get` result, with the requested datasets in schema order.
    static func writeWebspaceData(
        _ subscription: SimulatedSubscription,
        domain: SimulatedDomain,
        datasets: XMLRequest.WebspaceDatasets,
        in inventory: PleskInventory,
        index: XMLIndex,
        into writer: inout XMLWriter
    ) {
        guard !datasets.isEmpty else { return writer.empty("data") }
        let children = index.children[subscription.id] ?? XMLIndex.Children()
        writer.open("data")
        if datasets.contains(.genInfo) {
            self.writeGenInfo(subscription, domain: domain, in: inventory, index: index, into: &writer)
        }
        if datasets.contains(.hosting) {
            self.writeHosting(domain, subscription: subscription, into: &writer)
        }
        if datasets.contains(.limits) {
            let (overuse, limits) = inventory.effectiveLimits(of: subscription)
            self.writeLimits(overuse: overuse, limits: limits, into: &writer)
        }
        if datasets.contains(.stat) {
            self.writeStat(subscription, children: children, into: &writer)
        }
        if datasets.contains(.diskUsage) {
            self.writeDiskUsage(subscription.usage.diskBytes, hasSubdomains: children.subdomains > 0, into: &writer)
        }
        if datasets.contains(.subscriptions) {
            self.writeSubscriptions(subscription, in: inventory, index: index, into: &writer)
        }
        writer.close("data")
    }

    static func writeGenInfo(
        _ subscription: SimulatedSubscription, domain: SimulatedDomain, in inventory: PleskInventory,
        index: XMLIndex, into writer: inout XMLWriter
    ) {
        // `PleskInventory.vendor(ofClient:)` through the index: a login lookup per subscription must not scan every
        // client (20,000 subscriptions × 20,000 clients).
        let owner = inventory.client(id: domain.ownerClientID)
        let vendor =
            owner.map { owner in
                owner.type != .customer
                    ? owner
                    : owner.ownerLogin.flatMap { index.clientByLogin[$0] }.map { inventory.clients[$0] }
                        ?? inventory.clients[0]
            } ?? inventory.clients[0]
        writer.open("gen_info")
        writer.leaf("cr_date", domain.created)
        writer.leaf("name", domain.name)
        writer.leaf("ascii-name", domain.asciiName)
        writer.leaf("status", subscription.status.rawValue)
        writer.leaf("real_size", subscription.usage.diskBytes)
        writer.leaf("owner-id", domain.ownerClientID)
        // The schema notes owner-login "exists only for admins"; as in the reference's example, only the admin's
        // own subscriptions carry it.
        if domain.ownerClientID == SimulatedClient.adminID {
            writer.leaf("owner-login", inventory.clients[0].login)
        }
        for address in subscription.ipAddresses.prefix(2) {
            writer.leaf("dns_ip_address", address)
        }
        writer.leaf("htype", self.htype(domain.hostingType))
        writer.leaf("guid", domain.guid)
        writer.leaf("vendor-guid", vendor.guid)
        writer.leaf("external-id", subscription.externalID ?? "")
        writer.close("gen_info")
    }

    /// `vrt_hst` with the FTP login (what WHMCS reads), a forwarding type with its target, or `none`.
    static func writeHosting(
        _ domain: SimulatedDomain, subscription: SimulatedSubscription, into writer: inout XMLWriter
    ) {
        let type = self.htype(domain.hostingType)
        writer.open("hosting")
        switch type {
        case "vrt_hst":
            writer.open("vrt_hst")
            for (name, value) in [
                ("ftp_login", "ftp\(domain.id)"), ("www_root", domain.wwwRoot), ("php", "true"), ("ssl", "true"),
            ] {
                writer.open("property")
                writer.leaf("name", name)
                writer.leaf("value", value)
                writer.close("property")
            }
            for address in subscription.ipAddresses.prefix(2) {
                writer.leaf("ip_address", address)
            }
            writer.close("vrt_hst")
        case "std_fwd", "frm_fwd":
            writer.open(type)
            writer.leaf("dest_url", "https://www.\(domain.asciiName)/")
            if let address = subscription.ipAddresses.first { writer.leaf("ip_address", address) }
            writer.close(type)
        default:
            writer.empty("none")
        }
        writer.close("hosting")
    }

    static func writeLimits(
        overuse: SimulatedServicePlan.Overuse, limits: [String: Int64], into writer: inout XMLWriter
    ) {
        writer.open("limits")
        writer.leaf("overuse", overuse.rawValue)
        for limit in SimulatedServicePlan.Limit.ordered(limits) {
            writer.open("limit")
            writer.leaf("name", limit.name)
            writer.leaf("value", limit.value)
            writer.close("limit")
        }
        writer.close("limits")
    }

    /// `stat` in the order of the 1.6.9.1 diagram; mailbox and database counts are derived from the id.
    static func writeStat(
        _ subscription: SimulatedSubscription, children: XMLIndex.Children, into writer: inout XMLWriter
    ) {
        writer.open("stat")
        writer.leaf("traffic", subscription.usage.trafficBytes)
        writer.leaf("subdom", children.subdomains)
        writer.leaf("wu", 0)
        writer.leaf("box", subscription.id % 7)
        writer.leaf("redir", subscription.id % 3 == 0 ? 1 : 0)
        writer.leaf("mg", 0)
        writer.leaf("resp", 0)
        writer.leaf("maillists", 0)
        writer.leaf("db", subscription.id % 4)
        writer.leaf("mssql_db", 0)
        writer.leaf("traffic_prevday", subscription.usage.trafficPreviousDayBytes)
        writer.leaf("domains", 1 + children.addonDomains)
        writer.leaf("sites", 1 + children.addonDomains + children.subdomains)
        writer.close("stat")
    }

    /// `disk_usage` (Unix: `dbases`), its areas summing to `real_size`.
    static func writeDiskUsage(_ total: Int64, hasSubdomains: Bool, into writer: inout XMLWriter) {
        let configs = min(total, 4096)
        let rest = total - configs
        let logs = rest / 20
        let subdomains = hasSubdomains ? rest / 20 : 0
        let databases = rest / 10
        let mailboxes = rest / 100 * 15
        let httpdocs = rest - logs - subdomains - databases - mailboxes
        writer.open("disk_usage")
        for (name, value) in [
            ("httpdocs", httpdocs), ("httpsdocs", 0), ("subdomains", subdomains), ("web_users", 0), ("anonftp", 0),
            ("logs", logs), ("dbases", databases), ("mailboxes", mailboxes), ("maillists", 0), ("domaindumps", 0),
            ("configs", configs), ("chroot", 0),
        ] as [(String, Int64)] {
            writer.leaf(name, value)
        }
        writer.close("disk_usage")
    }

    /// `<subscriptions/>` without a plan, else one `<subscription>` with the service plan first, then add-ons.
    static func writeSubscriptions(
        _ subscription: SimulatedSubscription, in inventory: PleskInventory, index: XMLIndex,
        into writer: inout XMLWriter
    ) {
        guard let servicePlan = subscription.servicePlanGUID else { return writer.empty("subscriptions") }
        writer.open("subscriptions")
        writer.open("subscription")
        writer.leaf("locked", subscription.locked)
        writer.leaf("synchronized", subscription.synchronized)
        for guid in [servicePlan] + subscription.addonPlanGUIDs {
            writer.open("plan")
            writer.leaf("plan-guid", guid)
            if let position = index.planByGUID[guid.lowercased()],
                let external = inventory.servicePlans[position].externalID,
                !external.isEmpty
            {
                writer.leaf("plan-external-id", external)
            }
            writer.close("plan")
        }
        writer.close("subscription")
        writer.close("subscriptions")
    }

    static func htype(_ type: SimulatedDomain.HostingType) -> String {
        switch type {
        case .virtual: "vrt_hst"
        case .standardForwarding: "std_fwd"
        case .frameForwarding: "frm_fwd"
        default: "none"
        }
    }

    // MARK: service-plan, service-plan-addon

    /// The fields of one plan result after `status` (no `filter-id`, no `data`).
    static func writePlan(_ plan: SimulatedServicePlan, in inventory: PleskInventory, into writer: inout XMLWriter) {
        writer.leaf("id", plan.id)
        writer.leaf("name", plan.name)
        writer.leaf("guid", plan.guid)
        writer.leaf("external-id", plan.externalID ?? "")
        writer.leaf("owner-id", plan.ownerClientID)
        if plan.ownerClientID == SimulatedClient.adminID {
            writer.leaf("owner-login", inventory.clients[0].login)
        }
        self.writeLimits(overuse: plan.overuse, limits: plan.limits, into: &writer)
        guard plan.kind == .service else { return }
        writer.open("hosting")
        writer.open("vrt_hst")
        for (name, value) in [("ssl", "true"), ("php", "true"), ("php_handler_id", "plesk-php83-fpm")] {
            writer.open("property")
            writer.leaf("name", name)
            writer.leaf("value", value)
            writer.close("property")
        }
        writer.close("vrt_hst")
        writer.close("hosting")
        writer.open("permissions")
        for (name, value) in [("manage_dns", "true"), ("manage_subdomains", "true"), ("manage_php_settings", "false")] {
            writer.open("permission")
            writer.leaf("name", name)
            writer.leaf("value", value)
            writer.close("permission")
        }
        writer.close("permissions")
    }

    // MARK: customer, reseller

    /// `<data>` of a `customer get` result (`gen_info` with underscores).
    static func writeCustomerData(
        _ client: SimulatedClient, datasets: XMLRequest.ClientDatasets, in inventory: PleskInventory, index: XMLIndex,
        into writer: inout XMLWriter
    ) {
        guard !datasets.isEmpty else { return writer.empty("data") }
        writer.open("data")
        if datasets.contains(.genInfo) {
            let owner = client.ownerLogin.flatMap { index.clientByLogin[$0] }.map { inventory.clients[$0] }
            writer.open("gen_info")
            writer.leaf("cr_date", client.created)
            writer.leaf("cname", client.company)
            writer.leaf("pname", client.name)
            writer.leaf("login", client.login)
            writer.leaf("status", client.status.rawValue)
            self.writeContact(client, into: &writer)
            writer.leaf("guid", client.guid)
            if let owner {
                writer.leaf("owner-id", owner.id)
                writer.leaf("owner-login", owner.login)
                writer.leaf("vendor-guid", owner.guid)
            }
            writer.leaf("external-id", client.externalID ?? "")
            writer.leaf("description", client.description)
            writer.close("gen_info")
        }
        if datasets.contains(.stat) {
            let statistics = inventory.statistics(forClient: client.id) ?? SimulatedClientStatistics()
            writer.open("stat")
            writer.leaf("active_domains", statistics.activeDomains)
            writer.leaf("subdomains", statistics.subdomains)
            writer.leaf("disk_space", statistics.diskSpace)
            writer.leaf("web_users", 0)
            writer.leaf("data_bases", statistics.databases)
            writer.leaf("postboxes", statistics.emailPostboxes)
            writer.leaf("redirects", statistics.emailRedirects)
            writer.leaf("mail_groups", 0)
            writer.leaf("response_messages", statistics.emailResponseMessages)
            writer.leaf("mail_lists", statistics.mailingLists)
            writer.leaf("webapps", 0)
            writer.leaf("traffic", statistics.traffic)
            writer.leaf("traffic_prevday", statistics.trafficPrevday)
            writer.close("stat")
        }
        writer.close("data")
    }

    /// `<data>` of a `reseller get` result (`gen-info` and `stat` children hyphenated).
    static func writeResellerData(
        _ client: SimulatedClient, datasets: XMLRequest.ClientDatasets, in inventory: PleskInventory, index: XMLIndex,
        into writer: inout XMLWriter
    ) {
        guard !datasets.isEmpty else { return writer.empty("data") }
        writer.open("data")
        if datasets.contains(.genInfo) {
            writer.open("gen-info")
            writer.leaf("cr-date", client.created)
            writer.leaf("cname", client.company)
            writer.leaf("pname", client.name)
            writer.leaf("login", client.login)
            writer.leaf("status", client.status.rawValue)
            self.writeContact(client, into: &writer)
            writer.leaf("guid", client.guid)
            writer.leaf("external-id", client.externalID ?? "")
            writer.leaf("description", client.description)
            writer.leaf("power-user", false)
            writer.close("gen-info")
        }
        if datasets.contains(.stat) {
            let customers = inventory.clients.filter { $0.ownerLogin == client.login && $0.type == .customer }
            let subscriptions =
                (index.subscriptionsByOwner[client.id] ?? [])
                + customers.flatMap { index.subscriptionsByOwner[$0.id] ?? [] }
            let active = subscriptions.filter { inventory.subscriptions[$0].status == .active }.count
            let disk = subscriptions.reduce(Int64(0)) { $0 + inventory.subscriptions[$1].usage.diskBytes }
            let traffic = subscriptions.reduce(Int64(0)) { $0 + inventory.subscriptions[$1].usage.trafficBytes }
            writer.open("stat")
            writer.leaf("active-clients", customers.filter { $0.status == .active }.count)
            writer.leaf("active-domains", active)
            writer.leaf("disk-space", disk)
            writer.leaf("traffic", traffic)
            writer.close("stat")
        }
        writer.close("data")
    }

    /// `phone` … `locale`: the simulator keeps e-mail and locale; the rest is empty, the country from the locale.
    private static func writeContact(_ client: SimulatedClient, into writer: inout XMLWriter) {
        writer.leaf("phone", "")
        writer.leaf("fax", "")
        writer.leaf("email", client.email)
        writer.leaf("address", "")
        writer.leaf("city", "")
        writer.leaf("state", "")
        writer.leaf("pcode", "")
        writer.leaf("country", client.locale.split(separator: "-").last.map(String.init) ?? "")
        writer.leaf("locale", client.locale)
    }

    // MARK: server

    /// `gen_info` and `stat` of `server get`: `objects/domains` counts subscriptions, `active_domains` those with
    /// status 0, `clients` the customers.
    static func writeServer(genInfo: Bool, stat: Bool, in inventory: PleskInventory, into writer: inout XMLWriter) {
        let server = inventory.server
        if genInfo {
            writer.open("gen_info")
            writer.leaf("server_name", server.hostname)
            writer.leaf("server_guid", server.guid)
            writer.leaf("mode", "standard")
            writer.close("gen_info")
        }
        guard stat else { return }
        let customers = inventory.clients.filter { $0.type == .customer }
        let active = inventory.subscriptions.reduce(0) { $0 + ($1.status == .active ? 1 : 0) }
        let mailboxes = inventory.subscriptions.reduce(0) { $0 + $1.id % 7 }
        let databases = inventory.subscriptions.reduce(0) { $0 + $1.id % 4 }
        writer.open("stat")
        writer.open("objects")
        for (name, value) in [
            ("clients", customers.count), ("domains", inventory.subscriptions.count), ("databases", databases),
            ("active_domains", active), ("mail_boxes", mailboxes), ("mail_redirects", 0), ("mail_groups", 0),
            ("mail_responders", 0), ("mail_lists", 0), ("web_users", 0),
            ("problem_clients", 0), ("problem_domains", 0),
        ] {
            writer.leaf(name, value)
        }
        writer.close("objects")
        writer.open("version")
        writer.leaf("plesk_name", "psa")
        writer.leaf("plesk_version", server.panelVersion)
        writer.leaf("plesk_os", server.platform == "Unix" ? "Ubuntu" : "Microsoft Windows")
        writer.leaf("plesk_os_version", server.platform == "Unix" ? "22.04" : "2022")
        writer.leaf("os_release", "\(server.panelVersion).\(server.panelUpdateVersion)")
        writer.close("version")
        writer.close("stat")
    }
}
