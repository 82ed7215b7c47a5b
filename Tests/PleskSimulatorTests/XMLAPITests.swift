import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The XML API (`POST /enterprise/control/agent.php`) over real HTTP: the checkups (authentication, version,
/// validity) and the transport details. The extensions cover data, mutations, faults and generation.
@Suite struct XMLAPITests {
    @Test func eachAuthenticationOutcome() async throws {
        try await withXMLSimulator { plesk, client throws in
            let packet = Packet.webspace("<filter><id>1</id></filter>")
            func code(_ auth: XMLAuth) async throws -> Int? {
                let fetched = try await client.agent(plesk, packet, auth: auth)
                #expect(fetched.status == 200)
                return try fetched.xml().systemError?.code
            }
            #expect(try await code(.defaultKey) == nil)
            #expect(try await code(.defaultLogin) == nil)
            #expect(try await code(.key("not-a-key")) == 11003)
            #expect(try await code(.login("admin", "wrong")) == 1001)
            #expect(try await code(.login("nobody", "simulated-password")) == 1001)
            #expect(try await code(.none) == 1029)
            // A password under the wrong header name is no method at all (as a live server answered).
            #expect(
                try await code(.headers([("HTTP_AUTH_LOGIN", "admin"), ("HTTP_AUTH_PASSWORD", "simulated-password")]))
                    == 1029)
            // The REST API's headers mean nothing here.
            #expect(try await code(.headers([("X-API-Key", SimulatedPlesk.Configuration.defaultAPIKey)])) == 1029)
            // Header names match case-insensitively.
            #expect(try await code(.headers([("key", SimulatedPlesk.Configuration.defaultAPIKey)])) == nil)
            #expect(
                try await code(.headers([("http_auth_login", "admin"), ("Http_Auth_Passwd", "simulated-password")]))
                    == nil)

            let text = try await client.agent(plesk, packet, auth: .none).xml().systemError?.text
            #expect(text == "Authentication method is not specified")

            // The same keys as REST: a revoked one fails here too, an added one works.
            plesk.addAPIKey("fresh-key")
            #expect(try await code(.key("fresh-key")) == nil)
            plesk.revokeAPIKey("fresh-key")
            #expect(try await code(.key("fresh-key")) == 11003)

            let records = plesk.requests(to: .xmlWebspace)
            #expect(records.first?.auth == .apiKey(SimulatedPlesk.Configuration.defaultAPIKey))
            #expect(records.first?.authenticated == true)
            #expect(records[1].auth == .basic(username: "admin"))
            #expect(records[2].authenticated == false)
            #expect(records.first?.body == packet)
        }
    }

    @Test func protocolVersion() async throws {
        try await withXMLSimulator { plesk, client throws in
            let omitted = try await client.agent(plesk, Packet.webspace()).xml()
            #expect(omitted.version == "1.6.9.1")
            #expect(omitted.systemError == nil)
            for version in ["1.6.3.0", "1.6", "1.6.5", "1.6.9.1"] {
                let answer = try await client.agent(plesk, Packet.webspace(version: version)).xml()
                #expect(answer.version == version)
                #expect(answer.systemError == nil, "\(version)")
            }
            for version in ["100.0.0", "1.7.0.0", "", "abc"] {
                let answer = try await client.agent(plesk, Packet.webspace(version: version)).xml()
                #expect(answer.systemError?.code == 1005, "\(version)")
                #expect(answer.version == "1.6.9.1")
            }
            // The version is checked before the credentials.
            let unauthenticated = try await client.agent(plesk, Packet.webspace(version: "100.0.0"), auth: .none).xml()
            #expect(unauthenticated.systemError?.code == 1005)
            let pinned = try await client.agent(plesk, Packet.webspace(version: "1.6.3.0"), auth: .none).xml()
            #expect(pinned.systemError?.code == 1029)
            #expect(pinned.version == "1.6.3.0")
        }
    }

    @Test(
        "packets that are not well-formed or break the schema are a system error 1014",
        arguments: [
            "<packet><wrongly formatted xml</packet>",
            "<packet><webspace><get><filter/><dataset><gen_info/></dataset></get></webspace>",
            "<packet><unknown/></packet>",
            "<packet><client><get><filter/><dataset><gen_info/></dataset></get></client></packet>",
            "<packet/>",
            "<request><webspace/></request>",
            "<packet><webspace><get><dataset><gen_info/></dataset><filter/></get></webspace></packet>",
            "<packet><webspace><get><filter><id>1</id><name>example.com</name></filter><dataset><gen_info/></dataset></get></webspace></packet>",
            "<packet><webspace><get><filter><id>one</id></filter><dataset><gen_info/></dataset></get></webspace></packet>",
            "<packet><webspace><get><filter><owner-id></owner-id></filter><dataset><gen_info/></dataset></get></webspace></packet>",
            "<packet><webspace><get><filter/></get></webspace></packet>",
            "<packet><webspace><get><filter/><dataset><gen_info/><gen_info/></dataset></get></webspace></packet>",
            "<packet><webspace><get><filter/><dataset><everything/></dataset></get></webspace></packet>",
            "<packet><webspace><get><filter><site-id>1</site-id></filter><dataset><gen_info/></dataset></get></webspace></packet>",
            "<packet><webspace><get>text<filter/><dataset><gen_info/></dataset></get></webspace></packet>",
            "<packet><webspace><add/></webspace></packet>",
            "<packet><service-plan><get><owner-all/><filter/></get></service-plan></packet>",
            "<packet><service-plan><get><filter/><owner-all/><owner-id>1</owner-id></get></service-plan></packet>",
            "<packet><service-plan><get><filter><id>1</id><guid>x</guid></filter></get></service-plan></packet>",
            "<packet><reseller><get><filter/><dataset><gen-info/></dataset></get></reseller></packet>",
            "<packet><customer><get><filter/><dataset><gen-info/></dataset></get></customer></packet>",
            "<packet><server><get><stat/><gen_info/></get></server></packet>",
            "<!DOCTYPE packet><packet><server><get><stat/></get></server></packet>",
            "<packet><server><get><stat>&unknown;</stat></get></server></packet>",
            "<packet><server><get><stat/></get></server></packet><packet/>",
            "",
        ])
    func parserErrors(packet: String) async throws {
        try await withXMLSimulator { plesk, client throws in
            let fetched = try await client.agent(plesk, packet)
            #expect(fetched.status == 200)
            let answer = try fetched.xml()
            #expect(answer.systemError?.code == 1014)
            #expect(answer.systemError?.text.hasPrefix("Parser error: Request is invalid. ") == true)
            #expect(try answer.elements("/packet/system/status").first?.stringValue == "error")
        }
    }

    @Test func parserErrorsNameTheLineAndElement() async throws {
        try await withXMLSimulator { plesk, client throws in
            let packet =
                "<packet>\n<webspace>\n<get>\n<dataset><gen_info/></dataset>\n<filter/>\n</get>\n</webspace>\n</packet>"
            let text = try await client.agent(plesk, packet).xml().systemError?.text
            #expect(
                text
                    == "Parser error: Request is invalid. Error in line 4: Element 'dataset': This element is not expected. Expected is ( filter )."
            )
            let mixed = Packet.webspace("<filter><id>1</id><name>example.com</name></filter>")
            #expect(
                try await client.agent(plesk, mixed).xml().systemError?.text.hasSuffix(
                    "Element 'name': This element is not expected. Expected is ( id ).") == true)
        }
    }

    @Test func contentTypeAndMethod() async throws {
        try await withXMLSimulator { plesk, client throws in
            for accepted in ["text/xml", "text/xml; charset=UTF-8", "TEXT/XML;charset=utf-8"] {
                let answer = try await client.agent(plesk, Packet.webspace(), contentType: accepted).xml()
                #expect(answer.systemError == nil, "\(accepted)")
            }
            for refused in ["application/json", "application/x-www-form-urlencoded", nil] as [String?] {
                let fetched = try await client.agent(plesk, Packet.webspace(), contentType: refused)
                #expect(fetched.status == 200)
                #expect(try fetched.xml().systemError?.code == 1014, "\(refused ?? "none")")
            }
            let get = try await client.agent(plesk, "", method: "GET")
            #expect(get.status == 405)
            #expect(get.header("allow") == "POST")
            let answer = try await client.agent(plesk, Packet.webspace())
            #expect(answer.header("content-type") == "text/xml; charset=UTF-8")
        }
    }

    @Test func declarationsAndLayouts() async throws {
        try await withXMLSimulator(output: .prettyWithEncoding) { plesk, client throws in
            func answer(_ headers: [(String, String)] = []) async throws -> String {
                let fetched = try await client.agent(plesk, Packet.webspace(), headers: headers)
                #expect(!fetched.body.starts(with: [0xEF, 0xBB, 0xBF]))
                _ = try fetched.xml()
                return fetched.text
            }
            let pretty = try await answer()
            #expect(
                pretty.hasPrefix(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet version=\"1.6.9.1\">\n  <webspace>\n    <get>\n      <result>\n        <status>ok</status>"
                ))

            plesk.xmlOutput = .compactBare
            let compact = try await answer()
            #expect(
                compact.hasPrefix(
                    "<?xml version=\"1.0\"?>\n<packet version=\"1.6.9.1\"><webspace><get><result><status>ok</status>"))
            #expect(!compact.dropFirst(22).contains("\n"))

            plesk.xmlOutput = .init(declaration: .bare, layout: .prettyPrintHeader)
            #expect(
                try await answer([("HTTP_PRETTY_PRINT", "TRUE")]).hasPrefix(
                    "<?xml version=\"1.0\"?>\n<packet version=\"1.6.9.1\">\n  <webspace>"))
            #expect(try await answer().hasPrefix("<?xml version=\"1.0\"?>\n<packet version=\"1.6.9.1\"><webspace>"))

            // Alternating: four answers show every declaration and layout pair.
            plesk.xmlOutput = .varying
            var seen: Set<String> = []
            for _ in 0..<4 {
                let text = try await answer()
                seen.insert("\(text.hasPrefix("<?xml version=\"1.0\" encoding=")) \(text.contains("\n  <webspace>"))")
            }
            #expect(seen == ["true true", "true false", "false true", "false false"])
        }
    }

    @Test func operatorsAndGetsAnswerInRequestOrder() async throws {
        try await withXMLSimulator { plesk, client throws in
            let example = try #require(plesk.inventory.subscription(named: "example.com"))
            let acme = try #require(plesk.inventory.subscription(named: "acme.example"))
            let packet = Packet.wrap(
                """
                <service-plan><get><filter><name>Starter</name></filter></get></service-plan>
                <webspace>
                  <get><filter><id>\(acme.id)</id></filter><dataset><gen_info/></dataset></get>
                  <get><filter><name>example.com</name></filter><dataset><gen_info/></dataset></get>
                </webspace>
                <server><get><stat/></get></server>
                """)
            let answer = try await client.agent(plesk, packet).xml()
            #expect(answer.root.childNames == ["service-plan", "webspace", "server"])
            #expect(try answer.elements("/packet/webspace/get").count == 2)
            #expect(try answer.strings("/packet/webspace/get/result/id") == [String(acme.id), String(example.id)])
            #expect(try answer.strings("/packet/service-plan/get/result/name") == ["Starter"])
            // Counted once per packet for the API and once for each operator in it.
            #expect(plesk.requestCount(.xmlAPI) == 1)
            #expect(plesk.requestCount(.xmlWebspace) == 1)
            #expect(plesk.requestCount(.xmlServicePlan) == 1)
            #expect(plesk.requestCount(.xmlServer) == 1)
            #expect(plesk.requests.last?.endpoint == .xmlServicePlan)
        }
    }
}
