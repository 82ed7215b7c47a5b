import Foundation
import InventoryModel
import Testing

@testable import PleskAPI

@Suite("Wire model decoding")
struct DecodingTests {
    @Test("a real pre-18.0.42 domain without aliases")
    func realDomainWithoutAliases() throws {
        let json = """
            [{
                 "id": 2,
                 "created": "2020-10-29",
                 "name": "domain.com",
                 "ascii_name": "domain.com",
                 "base_domain_id": 0,
                 "guid": "acf5d8ab-5cf4-47a1-b33b-26c089d7c44a",
                 "hosting_type": "standard_forwarding",
                 "www_root": ""
            }]
            """
        let domains = try JSONDecoder().decode([PleskDomain].self, from: Data(json.utf8))
        #expect(domains.count == 1)
        let domain = try #require(domains.first)
        #expect(domain.id == 2)
        #expect(domain.guid == "acf5d8ab-5cf4-47a1-b33b-26c089d7c44a")
        #expect(domain.hostingType == "standard_forwarding")
        #expect(domain.baseDomainID == 0)
        #expect(domain.wwwRoot == "")
        #expect(domain.created == "2020-10-29")
        #expect(domain.aliases == nil)
    }

    @Test("aliases, IDN names and unknown fields")
    func aliasesIDNAndUnknownFields() throws {
        let json = """
            [{"id": 7, "created": "2024-01-02", "name": "bücher.example", "ascii_name": "xn--bcher-kva.example",
              "base_domain_id": 0, "guid": "g-7", "hosting_type": "virtual",
              "www_root": "/var/www/vhosts/bücher.example/httpdocs",
              "future_field": {"nested": [1, 2]},
              "aliases": [{"id": 3, "name": "buecher.example", "ascii_name": "buecher.example", "web": true,
                           "dns": true, "mail": false, "seo_redirect": true, "another_new_field": 1}]}]
            """
        let domain = try #require(try JSONDecoder().decode([PleskDomain].self, from: Data(json.utf8)).first)
        #expect(domain.name == "bücher.example")
        #expect(domain.asciiName == "xn--bcher-kva.example")
        let alias = try #require(domain.aliases?.first)
        #expect(alias.id == 3)
        #expect(alias.name == "buecher.example")
        #expect(alias.web == true)
        #expect(alias.mail == false)
        #expect(alias.seoRedirect == true)
    }

    @Test("a client with every field, and one with the optionals missing")
    func clients() throws {
        let json = """
            [{"id":7,"created":"2016-11-13","name":"John Smith","company":"Plesk","login":"john-unit-test","status":0,
              "email":"john_smith@msn.com","locale":"en-US","guid":"18b78dd1-2b43-44f7-9599-56ccb56a85dc",
              "owner_login":"admin","external_id":"link:12345","description":"Nice guy","type":"reseller"},
             {"id":8,"created":"2016-11-14","name":"Jane","login":"jane","status":16,"email":"","locale":"en-US",
              "guid":"g-8","description":"","type":"customer"}]
            """
        let clients = try JSONDecoder().decode([PleskClient].self, from: Data(json.utf8))
        #expect(clients.count == 2)
        #expect(clients[0].ownerLogin == "admin")
        #expect(clients[0].externalID == "link:12345")
        #expect(clients[0].type == "reseller")
        #expect(ClientStatus.label(clients[0].status) == "active")
        #expect(clients[1].ownerLogin == nil)
        #expect(clients[1].externalID == nil)
        #expect(clients[1].company == nil)
        #expect(ClientStatus.label(clients[1].status) == "disabled")
    }

    @Test("client status labels", arguments: [(0, "active"), (16, "disabled"), (4, "backup_restore"), (256, "expired"), (2, "other")])
    func statusLabels(status: Int, label: String) {
        let client = PleskClient(id: 1, created: "", name: "", login: "x", status: status, guid: "g", type: "customer")
        #expect(ClientStatus.label(client.status) == label)
    }

    @Test("server meta")
    func serverMeta() throws {
        let json = """
            {"platform":"Unix","hostname":"example.com","guid":"baa58292-fee0-4ecb-9da1-bba0cc5adea7",
             "panel_version":"18.0.76","panel_revision":"1711e2b","panel_build_date":"2025-06-20",
             "panel_update_version":"2","extension_version":"2.4.6","extension_release":"10"}
            """
        let info = try JSONDecoder().decode(PleskServerInfo.self, from: Data(json.utf8))
        #expect(info.hostname == "example.com")
        #expect(info.panelVersion == "18.0.76")
        #expect(info.platform == "Unix")
        #expect(info.extensionVersion == "2.4.6")
    }

    @Test("a domain missing its guid does not decode")
    func missingRequiredField() {
        let json = """
            [{"id": 2, "created": "2020-10-29", "name": "d.com", "ascii_name": "d.com", "base_domain_id": 0,
              "hosting_type": "virtual", "www_root": "/x"}]
            """
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PleskDomain].self, from: Data(json.utf8))
        }
    }

    @Test("decoding errors name the path and never the values")
    func decodingErrorDescription() throws {
        let json = """
            [{"id": 1, "created": "c", "name": "secret-looking-name.example", "ascii_name": "a", "base_domain_id": 0,
              "guid": "g", "hosting_type": "virtual", "www_root": ""},
             {"id": 2, "created": "c", "name": "n", "ascii_name": "a", "base_domain_id": 0,
              "hosting_type": "virtual", "www_root": ""}]
            """
        do {
            _ = try JSONDecoder().decode([PleskDomain].self, from: Data(json.utf8))
            Issue.record("expected a decoding error")
        } catch let error as DecodingError {
            let text = PleskAPIClient.describe(error)
            #expect(text == "required field 'guid' is missing at [1]")
            #expect(!text.contains("secret-looking-name"))
        }
    }

    @Test("fingerprints normalise to upper-case colon-separated hex")
    func fingerprintNormalisation() {
        let plain = String(repeating: "ab", count: 32)
        let expected = Array(repeating: "AB", count: 32).joined(separator: ":")
        #expect(PleskTLSOptions.normalizeFingerprint(plain) == expected)
        #expect(PleskTLSOptions.normalizeFingerprint(expected.lowercased()) == expected)
        #expect(PleskTLSOptions.normalizeFingerprint("AB:CD") == nil)
        #expect(PleskTLSOptions.normalizeFingerprint(String(repeating: "zz", count: 32)) == nil)
    }

    @Test("credentials never print their secrets")
    func credentialsRedacted() {
        let key = PleskCredentials.apiKey("k-SECRET-123")
        let basic = PleskCredentials.basic(username: "admin", password: "p-SECRET-456")
        #expect(!"\(key)".contains("SECRET"))
        #expect(!String(reflecting: key).contains("SECRET"))
        #expect(!"\(basic)".contains("SECRET"))
        #expect("\(basic)".contains("admin"))
        let target = PleskTarget(name: "t", url: URL(string: "https://u:pw@h.example:8443/")!, credentials: key)
        #expect(!"\(target)".contains("SECRET"))
        #expect(target.displayURL == "https://h.example:8443/")
    }
}
