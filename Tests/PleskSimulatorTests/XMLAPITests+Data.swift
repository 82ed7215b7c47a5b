import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What the XML API serves: datasets and their order, filters, plans, customers, resellers, the server, text
/// encoding, and agreement with the REST side.
extension XMLAPITests {
    static let genInfoOrder = [
        "cr_date", "name", "ascii-name", "status", "real_size", "owner-id", "owner-login", "dns_ip_address",
        "dns_ip_address", "htype", "guid", "vendor-guid", "external-id",
    ]
    static let statOrder = [
        "traffic", "subdom", "wu", "box", "redir", "mg", "resp", "maillists", "db", "mssql_db", "traffic_prevday",
        "domains", "sites",
    ]
    static let diskUsageOrder = [
        "httpdocs", "httpsdocs", "subdomains", "web_users", "anonftp", "logs", "dbases", "mailboxes", "maillists",
        "domaindumps", "configs", "chroot",
    ]

    /// Whether `names` keeps the order of `order` (each name at most as often as there).
    static func follows(_ names: [String], _ order: [String]) -> Bool {
        var rest = order[...]
        for name in names {
            guard let position = rest.firstIndex(of: name) else { return false }
            rest = rest[(position + 1)...]
        }
        return true
    }

    @Test func datasetsComeInSchemaOrder() async throws {
        try await withXMLSimulator { plesk, client throws in
            let inventory = plesk.inventory
            // `dataset` is an xs:all: any order in, schema order out.
            let answer = try await client.agent(
                plesk, Packet.webspace("<filter/>", "<subscriptions/><stat/><disk_usage/><gen_info/><limits/>")
            ).xml()
            let results = try answer.elements("/packet/webspace/get/result")
            #expect(results.count == inventory.subscriptions.count)
            for result in results {
                #expect(result.childNames == ["status", "filter-id", "id", "data"])
                #expect(result.text("filter-id") == result.text("id"))
                let data = try #require(result.child("data"))
                #expect(data.childNames == ["gen_info", "limits", "stat", "disk_usage", "subscriptions"])
                let genInfo = try #require(data.child("gen_info"))
                #expect(Self.follows(genInfo.childNames, Self.genInfoOrder), "\(genInfo.childNames)")
                #expect(data.child("stat")?.childNames == Self.statOrder)
                let diskUsage = try #require(data.child("disk_usage"))
                #expect(diskUsage.childNames == Self.diskUsageOrder)
                let sum = (diskUsage.children ?? []).compactMap { Int64($0.stringValue ?? "") }.reduce(0, +)
                #expect(String(sum) == genInfo.text("real_size"))
                let limits = try #require(data.child("limits"))
                #expect(limits.childNames.first == "overuse")
                #expect(limits.childNames.dropFirst().allSatisfy { $0 == "limit" })
                for limit in limits.elements(forName: "limit") {
                    #expect(limit.childNames == ["name", "value"])
                    #expect(Int64(limit.text("value") ?? "") != nil)
                }
                #expect(genInfo.text("cr_date")?.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
                #expect(["vrt_hst", "std_fwd", "frm_fwd", "none"].contains(genInfo.text("htype") ?? ""))
            }
        }
    }

    @Test func onlyRequestedDatasets() async throws {
        try await withXMLSimulator { plesk, client throws in
            let id = try #require(plesk.inventory.subscription(named: "example.com")).id
            func data(_ datasets: String) async throws -> XMLElement? {
                let answer = try await client.agent(plesk, Packet.webspace("<filter><id>\(id)</id></filter>", datasets))
                    .xml()
                #expect(answer.systemError == nil)
                return try answer.elements("/packet/webspace/get/result/data").first
            }
            #expect(try await data("<gen_info/>")?.childNames == ["gen_info"])
            #expect(try await data("<limits/>")?.childNames == ["limits"])
            #expect(try await data("<subscriptions/><stat/>")?.childNames == ["stat", "subscriptions"])
            #expect(try await data("<hosting/>")?.childNames == ["hosting"])
            // Valid datasets the simulator does not serve are accepted and left out.
            #expect(try await data("<prefs/><gen_info/><php-settings/>")?.childNames == ["gen_info"])
            #expect(try await data("")?.childNames == [])
        }
    }

    @Test func theDocumentedExampleShape() async throws {
        try await withXMLSimulator { plesk, client throws in
            let inventory = plesk.inventory
            let answer = try await client.agent(plesk, Packet.webspace("<filter/>", Packet.allDatasets)).xml()
            func data(_ name: String) throws -> XMLElement {
                let id = try #require(inventory.subscription(named: name)).id
                return try #require(try answer.elements("/packet/webspace/get/result[id='\(id)']/data").first)
            }
            let example = try data("example.com")
            let admin = try #require(inventory.client(id: SimulatedClient.adminID))
            #expect(example.child("gen_info")?.text("owner-login") == "admin")
            #expect(example.child("gen_info")?.text("owner-id") == "1")
            #expect(example.child("gen_info")?.text("vendor-guid") == admin.guid)
            #expect(example.child("gen_info")?.text("real_size") == "734003200")
            #expect(example.child("gen_info")?.text("guid") == inventory.domain(named: "example.com")?.guid)
            let business = try #require(inventory.servicePlan(named: "Business"))
            let storage = try #require(inventory.servicePlan(named: "Extra Storage", kind: .addon))
            let sites = try #require(inventory.servicePlan(named: "Extra Sites", kind: .addon))
            let subscription = try #require(example.child("subscriptions")?.child("subscription"))
            #expect(subscription.childNames == ["locked", "synchronized", "plan", "plan", "plan"])
            #expect(subscription.text("locked") == "false")
            #expect(subscription.text("synchronized") == "true")
            #expect(
                subscription.elements(forName: "plan").map { $0.text("plan-guid") } == [
                    business.guid, storage.guid, sites.guid,
                ])
            #expect(example.child("limits")?.text("overuse") == "block")
            #expect(example.child("stat")?.text("subdom") == "1")  // mail.example.com

            // A reseller's customer: no owner-login, the reseller as vendor, the reseller's plan, a size above 2^31.
            let johnsmith = try data("johnsmith.example")
            let hostco = try #require(inventory.client(login: "hostco"))
            #expect(johnsmith.child("gen_info")?.child("owner-login") == nil)
            #expect(johnsmith.child("gen_info")?.text("vendor-guid") == hostco.guid)
            #expect(Int64(johnsmith.child("gen_info")?.text("real_size") ?? "")! > Int64(Int32.max))
            #expect(johnsmith.child("subscriptions")?.child("subscription")?.text("locked") == "true")
            #expect(johnsmith.child("stat")?.text("subdom") == "2")

            // No plan: an empty <subscriptions/>; a forwarding domain's htype.
            let redirect = try data("www-redirect.example")
            #expect(redirect.child("subscriptions")?.childNames == [])
            #expect(redirect.child("gen_info")?.text("htype") == "std_fwd")
            #expect(redirect.child("gen_info")?.child("external-id")?.stringValue == "")

            // Statuses from the demo: 272, 320 and 4, disk over its limit, a customised limit.
            #expect(try data("oldshop.example").child("gen_info")?.text("status") == "272")
            #expect(try data("trial.example").child("gen_info")?.text("status") == "320")
            #expect(try data("moving.example").child("gen_info")?.text("status") == "4")
            let acme = try data("acme.example")
            let diskLimit = acme.limit("disk_space")
            #expect(Int64(acme.child("gen_info")?.text("real_size") ?? "")! > Int64(diskLimit ?? "")!)
            let buecher = try data("bücher.example")
            #expect(buecher.child("subscriptions")?.child("subscription")?.text("synchronized") == "false")
            #expect(
                buecher.limit("disk_space")
                    == String(8 << 30))
        }
    }

    @Test func webspaceFilters() async throws {
        try await withXMLSimulator { plesk, client throws in
            let inventory = plesk.inventory
            let example = try #require(inventory.domain(named: "example.com"))
            let buecher = try #require(inventory.domain(named: "bücher.example"))
            func results(_ filter: String) async throws -> [XMLElement] {
                try await client.agent(plesk, Packet.webspace(filter)).xml().elements("/packet/webspace/get/result")
            }

            let byID = try await results("<filter><id>\(example.id)</id><id>999999</id></filter>")
            #expect(byID.map { $0.text("status") } == ["ok", "error"])
            #expect(byID[0].text("filter-id") == String(example.id))
            #expect(byID[1].childNames == ["status", "errcode", "errtext", "id"])
            #expect(byID[1].text("errcode") == "1013")
            #expect(byID[1].text("id") == "999999")

            let byName = try await results(
                "<filter><name>bücher.example</name><name>xn--bcher-kva.example</name><name>nope.example</name></filter>"
            )
            #expect(byName.map { $0.text("id") } == [String(buecher.id), String(buecher.id), nil])
            #expect(byName.map { $0.text("filter-id") } == ["bücher.example", "xn--bcher-kva.example", "nope.example"])
            #expect(byName[2].text("errcode") == "1013")
            // A subdomain is no subscription.
            #expect(
                try await results("<filter><name>mail.example.com</name></filter>").first?.text("errcode") == "1013")

            let byGUID = try await results("<filter><guid>\(example.guid.uppercased())</guid></filter>")
            #expect(byGUID.map { $0.text("id") } == [String(example.id)])

            let hostco = try #require(inventory.client(login: "hostco"))
            let owned = inventory.subscriptions(ownedBy: hostco.id).map { String($0.id) }
            #expect(
                try await results("<filter><owner-id>\(hostco.id)</owner-id></filter>").map { $0.text("id") } == owned)
            #expect(
                try await results("<filter><owner-login>hostco</owner-login></filter>").map { $0.text("filter-id") }
                    == ["hostco"])
            #expect(try await results("<filter><owner-guid>\(hostco.guid)</owner-guid></filter>").count == owned.count)
            #expect(
                try await results("<filter><owner-login>ghost</owner-login></filter>").first?.text("errcode") == "1013")
            #expect(
                try await results("<filter><external-id>whmcs:881-1</external-id></filter>").first?.text("status")
                    == "ok")
            #expect(try await results("<filter><owner-external-id>whmcs:881</owner-external-id></filter>").count == 3)

            // No filter-id when switched off; an empty list is an empty <get/>.
            plesk.xmlFilterIDForEmptyFilter = false
            #expect(try await results("<filter/>").allSatisfy { $0.childNames == ["status", "id", "data"] })
            plesk.replaceInventory(with: PleskInventory())
            let empty = try await client.agent(plesk, Packet.webspace())
            #expect(try empty.xml().elements("/packet/webspace/get").first?.childCount == 0)
            #expect(empty.text.contains("<get/>"))
        }
    }

    @Test func servicePlansWithAndWithoutOwnerAll() async throws {
        try await withXMLSimulator { plesk, client throws in
            let inventory = plesk.inventory
            func plans(_ filter: String = "<filter/>", owner: String = "", addon: Bool = false) async throws
                -> [XMLElement]
            {
                try await client.agent(plesk, Packet.servicePlans(filter, owner: owner, addon: addon)).xml()
                    .elements(addon ? "/packet/service-plan-addon/get/result" : "/packet/service-plan/get/result")
            }
            let adminPlans = inventory.servicePlans.filter {
                $0.kind == .service && $0.ownerClientID == SimulatedClient.adminID
            }
            let allPlans = inventory.servicePlans.filter { $0.kind == .service }
            let own = try await plans()
            #expect(own.map { $0.text("guid") } == adminPlans.map(\.guid))
            let everyone = try await plans(owner: "<owner-all/>")
            #expect(everyone.map { $0.text("guid") } == allPlans.map(\.guid))
            #expect(everyone.contains { $0.text("name") == "HostCo Basic" })
            for result in everyone {
                // No filter-id, no data: the fields sit directly in the result.
                #expect(
                    Self.follows(
                        result.childNames,
                        [
                            "status", "id", "name", "guid", "external-id", "owner-id", "owner-login", "limits",
                            "hosting", "permissions",
                        ]))
                #expect(result.child("limits")?.childNames.first == "overuse")
            }
            let hostco = try #require(inventory.client(login: "hostco"))
            #expect(
                try await plans(owner: "<owner-id>\(hostco.id)</owner-id>").map { $0.text("name") } == [
                    "HostCo Basic", "HostCo Pro",
                ])
            #expect(
                try await plans(owner: "<owner-login>webagency</owner-login>").map { $0.text("name") } == ["Web & Mail"]
            )
            let starter = try #require(inventory.servicePlan(named: "Starter"))
            #expect(
                try await plans("<filter><guid>\(starter.guid)</guid></filter>").map { $0.text("id") } == [
                    String(starter.id)
                ])
            #expect(
                try await plans("<filter><external-id>whmcs-plan-1</external-id></filter>").map { $0.text("name") } == [
                    "Starter"
                ])
            // A reseller's plan is not in the admin's list: an error result for it.
            let missing = try await plans("<filter><name>HostCo Basic</name></filter>")
            #expect(missing.map { $0.text("errcode") } == ["1013"])
            #expect(missing.first?.text("name") == "HostCo Basic")
            #expect(try await plans(addon: true).map { $0.text("name") } == ["Extra Storage", "Extra Sites"])

            // Every plan guid a subscription names resolves against the plan lists with owner-all.
            let known = Set(try await plans(owner: "<owner-all/>").compactMap { $0.text("guid") })
                .union(try await plans(owner: "<owner-all/>", addon: true).compactMap { $0.text("guid") })
            let used = try await client.agent(plesk, Packet.webspace("<filter/>", "<subscriptions/>")).xml()
                .strings("//plan-guid")
            #expect(!used.isEmpty)
            #expect(Set(used).isSubset(of: known))
        }
    }

    @Test func idnAndEscaping() async throws {
        try await withXMLSimulator { plesk, client throws in
            try plesk.addClient(login: "lt", name: "Less <than> & more", company: "A&B <Ltd>")
            let answer = try await client.agent(plesk, Packet.webspace("<filter><name>bücher.example</name></filter>"))
            // UTF-8 on the wire, not character references.
            #expect(answer.text.contains("<name>bücher.example</name>"))
            #expect(answer.text.contains("<ascii-name>xn--bcher-kva.example</ascii-name>"))
            let japan = try await client.agent(plesk, Packet.webspace("<filter><name>日本.example</name></filter>")).xml()
            #expect(try japan.string("//gen_info/ascii-name") == "xn--wgv71a.example")

            let plans = try await client.agent(plesk, Packet.servicePlans(owner: "<owner-all/>"))
            #expect(plans.text.contains("<name>Web &amp; Mail</name>"))
            #expect(try plans.xml().strings("//result/name").contains("Web & Mail"))

            let customers = try await client.agent(
                plesk,
                Packet.wrap(
                    "<customer><get><filter><login>lt</login><login>bakery</login></filter><dataset><gen_info/></dataset></get></customer>"
                ))
            #expect(customers.text.contains("<pname>Less &lt;than&gt; &amp; more</pname>"))
            #expect(customers.text.contains("<cname>Schmidt &amp; Söhne</cname>"))
            #expect(try customers.xml().strings("//gen_info/cname") == ["A&B <Ltd>", "Schmidt & Söhne"])
        }
    }

    @Test func customersAndResellers() async throws {
        try await withXMLSimulator { plesk, client throws in
            let inventory = plesk.inventory
            let customers = try await client.agent(
                plesk, Packet.wrap("<customer><get><filter/><dataset><gen_info/><stat/></dataset></get></customer>")
            ).xml()
            let results = try customers.elements("/packet/customer/get/result")
            #expect(
                results.map { $0.text("id") } == inventory.clients.filter { $0.type == .customer }.map { String($0.id) }
            )
            let smith = try #require(results.first { $0.child("data")?.child("gen_info")?.text("login") == "jsmith" })
            #expect(smith.childNames == ["status", "filter-id", "id", "data"])
            let genInfo = try #require(smith.child("data")?.child("gen_info"))
            #expect(genInfo.childNames.prefix(5) == ["cr_date", "cname", "pname", "login", "status"])
            #expect(genInfo.text("owner-login") == "hostco")
            #expect(genInfo.text("external-id") == "link:12345")
            #expect(smith.child("data")?.childNames == ["gen_info", "stat"])

            // A reseller's id is no customer: the error WHMCS looks for.
            let hostco = try #require(inventory.client(login: "hostco"))
            let wrong = try await client.agent(
                plesk,
                Packet.wrap(
                    "<customer><get><filter><id>\(hostco.id)</id></filter><dataset><gen_info/></dataset></get></customer>"
                )
            ).xml()
            #expect(try wrong.string("//result/errcode") == "1013")
            #expect(try wrong.string("//result/errtext") == "Client does not exist")

            let resellers = try await client.agent(
                plesk,
                Packet.wrap(
                    "<reseller><get><filter><all/></filter><dataset><gen-info/><stat/></dataset></get></reseller>")
            ).xml()
            let resellerResults = try resellers.elements("/packet/reseller/get/result")
            #expect(
                resellerResults.compactMap { $0.child("data")?.child("gen-info")?.text("login") } == [
                    "hostco", "webagency",
                ])
            let resellerInfo = try #require(resellerResults.first?.child("data")?.child("gen-info"))
            #expect(resellerInfo.childNames.prefix(5) == ["cr-date", "cname", "pname", "login", "status"])
            #expect(
                resellerResults.first?.child("data")?.child("stat")?.childNames == [
                    "active-clients", "active-domains", "disk-space", "traffic",
                ])
            let byLogin = try await client.agent(
                plesk,
                Packet.wrap(
                    "<reseller><get><filter><login>webagency</login></filter><dataset><gen-info/></dataset></get></reseller>"
                )
            ).xml()
            #expect(try byLogin.string("//result/id") == inventory.client(login: "webagency").map { String($0.id) })
        }
    }

    @Test func serverStatCountsSubscriptions() async throws {
        try await withXMLSimulator { plesk, client throws in
            let inventory = plesk.inventory
            let server = try await client.agent(plesk, Packet.serverStat).xml()
            let result = try #require(try server.elements("/packet/server/get/result").first)
            #expect(result.childNames == ["status", "gen_info", "stat"])
            #expect(result.child("gen_info")?.text("server_guid") == inventory.server.guid)
            let objects = try #require(result.child("stat")?.child("objects"))
            let webspaces = try await client.agent(plesk, Packet.webspace()).xml()
            let statuses = try webspaces.strings("//result/data/gen_info/status")
            #expect(objects.text("domains") == String(statuses.count))
            #expect(objects.text("active_domains") == String(statuses.filter { $0 == "0" }.count))
            #expect(objects.text("clients") == String(inventory.clients.filter { $0.type == .customer }.count))
            #expect(statuses.count == inventory.domains.filter { $0.baseDomainID == 0 }.count)
        }
    }

    @Test func restAndXMLDescribeTheSameSubscriptions() async throws {
        try await withXMLSimulator(inventory: .generate(domains: 300, clients: 40, subscriptions: 60, seed: 3)) {
            plesk, client throws in
            let domains = try await client.fetch(plesk, "/api/v2/domains").jsonArray()
            let topLevel = domains.filter { $0["base_domain_id"] as? Int == 0 }
            #expect(topLevel.count == 60)
            let topIDs = Set(topLevel.compactMap { $0["id"] as? Int })
            #expect(
                domains.allSatisfy {
                    topIDs.contains($0["base_domain_id"] as? Int ?? -1) || $0["base_domain_id"] as? Int == 0
                })

            let answer = try await client.agent(plesk, Packet.webspace("<filter/>", Packet.allDatasets)).xml()
            let results = try answer.elements("/packet/webspace/get/result")
            #expect(Set(results.compactMap { Int($0.text("id") ?? "") }) == topIDs)
            for item in topLevel {
                let id = try #require(item["id"] as? Int)
                let result = try #require(results.first { $0.text("id") == String(id) })
                let genInfo = try #require(result.child("data")?.child("gen_info"))
                #expect(genInfo.text("guid") == item["guid"] as? String)
                #expect(genInfo.text("name") == item["name"] as? String)
                #expect(genInfo.text("ascii-name") == item["ascii_name"] as? String)
                #expect(genInfo.text("cr_date") == item["created"] as? String)
                let owner = try await client.fetch(plesk, "/api/v2/domains/\(id)/client").jsonObject()
                #expect(genInfo.text("owner-id") == (owner["id"] as? Int).map(String.init))
                let rest =
                    try await client.fetch(plesk, "/api/v2/domains/\(id)/status").jsonObject()["status"] as? String
                let status = Int(genInfo.text("status") ?? "") ?? -1
                #expect((rest == "active") == (status & ~4 == 0), "\(status) \(rest ?? "")")
            }
            let stat = try await client.agent(plesk, Packet.serverStat).xml()
            #expect(try stat.string("//objects/domains") == "60")
        }
    }
}
