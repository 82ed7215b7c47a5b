import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

@Suite struct WireFormatTests {
    static let domainKeys: Set<String> = [
        "id", "created", "name", "ascii_name", "base_domain_id", "guid", "hosting_type", "www_root", "aliases",
    ]
    static let aliasKeys: Set<String> = ["id", "name", "ascii_name", "web", "dns", "mail", "seo_redirect"]
    static let clientRequiredKeys: Set<String> = [
        "id", "created", "name", "company", "login", "status", "email", "locale", "guid", "description", "type",
    ]

    @Test func domainsListShape() async throws {
        try await withSimulator { plesk, client throws in
            let response = try await client.fetch(plesk, "/api/v2/domains")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json; charset=utf-8")
            let items = try response.jsonArray()
            #expect(items.count == plesk.inventory.domains.count)
            let ids = Set(items.compactMap { $0["id"] as? Int })
            for item in items {
                #expect(Set(item.keys) == Self.domainKeys)
                #expect(item["id"] is Int)
                #expect(item["base_domain_id"] is Int)
                for key in ["created", "name", "ascii_name", "guid", "hosting_type", "www_root"] {
                    #expect(item[key] is String, "\(key)")
                }
                let created = try #require(item["created"] as? String)
                #expect(created.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
                let guid = try #require(item["guid"] as? String)
                #expect(UUID(uuidString: guid) != nil)
                let hosting = try #require(item["hosting_type"] as? String)
                #expect(["virtual", "standard_forwarding", "frame_forwarding", "none"].contains(hosting))
                let ascii = try #require(item["ascii_name"] as? String)
                #expect(item["www_root"] as? String == (hosting == "virtual" ? "/var/www/vhosts/\(ascii)/httpdocs" : ""))
                let base = try #require(item["base_domain_id"] as? Int)
                #expect(base == 0 || ids.contains(base))
                let aliases = try #require(item["aliases"] as? [[String: Any]])
                for alias in aliases {
                    #expect(Set(alias.keys) == Self.aliasKeys)
                    #expect(alias["id"] is Int)
                }
            }
            // Booleans are JSON booleans, not numbers.
            #expect(response.text.contains(#""web":true"#))
            #expect(response.text.contains(#""seo_redirect":false"#))

            let byName = Dictionary(uniqueKeysWithValues: items.map { ($0["name"] as! String, $0) })
            #expect(byName["bücher.example"]?["ascii_name"] as? String == "xn--bcher-kva.example")
            #expect(byName["日本.example"]?["ascii_name"] as? String == "xn--wgv71a.example")
            #expect(byName["www-redirect.example"]?["www_root"] as? String == "")
            #expect(byName["example.com"]?["www_root"] as? String == "/var/www/vhosts/example.com/httpdocs")
            let exampleID = try #require(byName["example.com"]?["id"] as? Int)
            #expect(byName["mail.example.com"]?["base_domain_id"] as? Int == exampleID)
            let aliasNames = (byName["example.com"]?["aliases"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(aliasNames == ["example.net", "example.org"])
        }
    }

    @Test func aliasesCanBeLeftOut() async throws {
        var configuration = SimulatedPlesk.Configuration(tls: .disabled)
        configuration.includeAliases = false
        try await withSimulator(configuration) { plesk, client throws in
            let items = try await client.fetch(plesk, "/api/v2/domains").jsonArray()
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { $0["aliases"] == nil && Set($0.keys) == Self.domainKeys.subtracting(["aliases"]) })

            plesk.includeAliases = true
            let again = try await client.fetch(plesk, "/api/v2/domains").jsonArray()
            #expect(again.allSatisfy { $0["aliases"] is [Any] })
        }
    }

    @Test func nameFilter() async throws {
        try await withSimulator { plesk, client throws in
            let hit = try await client.fetch(plesk, "/api/v2/domains?name=b%C3%BCcher.example").jsonArray()
            #expect(hit.count == 1)
            #expect(hit.first?["ascii_name"] as? String == "xn--bcher-kva.example")
            let byASCII = try await client.fetch(plesk, "/api/v2/domains?name=xn--bcher-kva.example").jsonArray()
            #expect(byASCII.first?["name"] as? String == "bücher.example")
            let miss = try await client.fetch(plesk, "/api/v2/domains?name=nowhere.example")
            #expect(miss.status == 200)
            #expect(miss.text == "[]")
        }
    }

    @Test func clientsListShape() async throws {
        try await withSimulator { plesk, client throws in
            let response = try await client.fetch(plesk, "/api/v2/clients")
            #expect(response.status == 200)
            let items = try response.jsonArray()
            #expect(items.count == plesk.inventory.clients.count)
            for item in items {
                #expect(Self.clientRequiredKeys.isSubset(of: Set(item.keys)))
                #expect(Set(item.keys).subtracting(Self.clientRequiredKeys).isSubset(of: ["owner_login", "external_id"]))
                #expect(item["password"] == nil)
                #expect(item["id"] is Int)
                #expect(item["status"] is Int)
                #expect(["admin", "reseller", "customer"].contains(item["type"] as? String ?? ""))
            }
            let admin = try #require(items.first { $0["id"] as? Int == 1 })
            #expect(admin["login"] as? String == "admin")
            #expect(admin["type"] as? String == "admin")
            #expect(admin["owner_login"] == nil)
            #expect(admin["external_id"] == nil)

            let byLogin = Dictionary(uniqueKeysWithValues: items.map { ($0["login"] as! String, $0) })
            #expect(byLogin["jsmith"]?["owner_login"] as? String == "hostco")
            #expect(byLogin["jsmith"]?["external_id"] as? String == "link:12345")
            #expect(byLogin["oldshop"]?["status"] as? Int == 16)
            #expect(byLogin["trialuser"]?["status"] as? Int == 256)
            #expect(byLogin["migrating"]?["status"] as? Int == 4)
            #expect(byLogin["hostco"]?["type"] as? String == "reseller")
            #expect(byLogin["bakery"]?["external_id"] == nil)
            #expect(items.contains { $0["type"] as? String == "customer" })
        }
    }

    @Test func serverMeta() async throws {
        try await withSimulator { plesk, client throws in
            let object = try await client.fetch(plesk, "/api/v2/server").jsonObject()
            #expect(Set(object.keys) == [
                "platform", "hostname", "guid", "panel_version", "panel_revision", "panel_build_date",
                "panel_update_version", "extension_version", "extension_release",
            ])
            #expect(object.values.allSatisfy { $0 is String })
            #expect(object["platform"] as? String == "Unix")
            #expect(object["hostname"] as? String == plesk.inventory.server.hostname)
        }
    }

    @Test func perObjectEndpoints() async throws {
        try await withSimulator { plesk, client throws in
            let inventory = plesk.inventory
            let smith = try #require(inventory.client(login: "jsmith"))
            let owned = try await client.fetch(plesk, "/api/v2/clients/\(smith.id)/domains").jsonArray()
            #expect(Set(owned.compactMap { $0["name"] as? String }) == Set(inventory.domains(ownedBy: smith.id).map(\.name)))
            #expect(owned.allSatisfy { Set($0.keys) == Self.domainKeys })

            let shop = try #require(inventory.domain(named: "shop.johnsmith.example"))
            let owner = try await client.fetch(plesk, "/api/v2/domains/\(shop.id)/client").jsonObject()
            #expect(owner["login"] as? String == "jsmith")
            #expect(owner["id"] as? Int == smith.id)
            #expect(Self.clientRequiredKeys.isSubset(of: Set(owner.keys)))

            let adminOwned = try await client.fetch(plesk, "/api/v2/domains/1/client").jsonObject()
            #expect(adminOwned["type"] as? String == "admin")

            let oldshop = try #require(inventory.domain(named: "oldshop.example"))
            let status = try await client.fetch(plesk, "/api/v2/domains/\(oldshop.id)/status")
            #expect(status.text == #"{"status":"suspended"}"#)
            let active = try await client.fetch(plesk, "/api/v2/domains/1/status").jsonObject()
            #expect(active["status"] as? String == "active")

            let statistics = try await client.fetch(plesk, "/api/v2/clients/\(smith.id)/statistics").jsonObject()
            #expect(Set(statistics.keys) == [
                "active_domains", "subdomains", "disk_space", "email_postboxes", "email_redirects",
                "email_response_messages", "mailing_lists", "databases", "traffic", "traffic_prevday",
            ])
            #expect(statistics.values.allSatisfy { $0 is Int })
            #expect(statistics["active_domains"] as? Int == 2)
            #expect(statistics["subdomains"] as? Int == 2)
        }
    }

    @Test func errorBodies() async throws {
        try await withSimulator { plesk, client throws in
            for (path, message) in [
                ("/api/v2/clients/9999/domains", "Client is not found"),
                ("/api/v2/clients/abc/domains", "Client is not found"),
                ("/api/v2/clients/9999/statistics", "Client is not found"),
                ("/api/v2/domains/9999/client", "Domain is not found"),
                ("/api/v2/domains/9999/status", "Domain is not found"),
            ] {
                let response = try await client.fetch(plesk, path)
                #expect(response.status == 404, "\(path)")
                let body = try response.jsonObject()
                #expect(body["message"] as? String == message)
                #expect(body["code"] as? Int == 404)
            }

            // Routing happens before authentication, as on a real server.
            for auth in [TestAuth.none, .defaultKey] {
                let unknown = try await client.fetch(plesk, "/api/v2/subscriptions", auth: auth)
                #expect(unknown.status == 404)
                #expect(try unknown.jsonObject()["message"] as? String == "Page Not Found")
                #expect(try unknown.jsonObject()["code"] as? Int == 404)
                let trailing = try await client.fetch(plesk, "/api/v2/domains/", auth: auth)
                #expect(trailing.status == 404)

                let wrongMethod = try await client.fetch(plesk, "/api/v2/domains", method: "DELETE", auth: auth)
                #expect(wrongMethod.status == 405)
                #expect(wrongMethod.header("allow") == "GET")
                let getKeys = try await client.fetch(plesk, "/api/v2/auth/keys", auth: auth)
                #expect(getKeys.status == 405)
            }

            let panel = try await client.fetch(plesk, "/login_up.php", auth: .none)
            #expect(panel.status == 200)
            #expect(panel.header("content-type")?.hasPrefix("text/html") == true)
            #expect(plesk.requests.last?.endpoint == nil)
        }
    }
}
