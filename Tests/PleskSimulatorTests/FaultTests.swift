import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

@Suite struct FaultTests {
    @Test func delayThenNormalAnswer() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.delay(.milliseconds(300)), on: .server, times: 1)
            let start = ContinuousClock.now
            let delayed = try await client.fetch(plesk, "/api/v2/server")
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(delayed.status == 200)
            // Authentication still applies after the delay.
            plesk.inject(.delay(.milliseconds(10)), on: .server, times: 1)
            #expect(try await client.fetch(plesk, "/api/v2/server", auth: .none).status == 401)
            #expect(plesk.activeFault(on: .server) == nil)
        }
    }

    @Test func hangUntilClientGivesUp() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.hang, on: .domains)
            let start = ContinuousClock.now
            await #expect(throws: (any Error).self) {
                _ = try await client.fetch(plesk, "/api/v2/domains", timeout: 1)
            }
            #expect(ContinuousClock.now - start >= .milliseconds(900))
            // Other endpoints keep answering meanwhile.
            #expect(try await client.fetch(plesk, "/api/v2/clients").status == 200)
            plesk.clearFault(on: .domains)
            #expect(try await client.fetch(plesk, "/api/v2/domains").status == 200)
        }
    }

    @Test func statusFaults() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.unauthorized, on: .clients, times: 1)
            let unauthorized = try await client.fetch(plesk, "/api/v2/clients")
            #expect(unauthorized.status == 401)
            #expect(unauthorized.body.isEmpty)

            plesk.inject(.forbidden(), on: .clients, times: 1)
            let forbidden = try await client.fetch(plesk, "/api/v2/clients")
            #expect(forbidden.status == 403)
            #expect(try forbidden.jsonObject()["message"] is String)
            #expect(try forbidden.jsonObject()["code"] is Int)

            plesk.inject(.licenseRestriction, on: .clients, times: 1)
            let license = try await client.fetch(plesk, "/api/v2/clients")
            #expect(license.status == 500)
            #expect(try license.jsonObject()["code"] as? Int == 1023)
            #expect(try license.jsonObject()["message"] as? String == "You cannot manage customers due to license restrictions.")

            plesk.inject(.notInitialized(), on: .clients, times: 1)
            let notInitialized = try await client.fetch(plesk, "/api/v2/clients")
            #expect(notInitialized.status == 503)
            #expect(try Set(notInitialized.jsonObject().keys) == ["message"])

            plesk.inject(.status(502, body: "oops"), on: .clients, times: 1)
            let custom = try await client.fetch(plesk, "/api/v2/clients")
            #expect(custom.status == 502)
            #expect(custom.text == "oops")

            #expect(try await client.fetch(plesk, "/api/v2/clients").status == 200)
            #expect(plesk.requests(to: .clients).map { $0.fault != nil } == [true, true, true, true, true, false])
        }
    }

    @Test func faultsApplyWithoutCredentialsAndForCountedRequestsOnly() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.emptyList, on: [.domains, .clients], times: 2)
            #expect(try await client.fetch(plesk, "/api/v2/domains", auth: .none).text == "[]")
            #expect(try await client.fetch(plesk, "/api/v2/domains").text == "[]")
            #expect(try await client.fetch(plesk, "/api/v2/domains").jsonArray().count == plesk.inventory.domains.count)
            #expect(plesk.activeFault(on: .clients)?.remaining == 2)
            #expect(try await client.fetch(plesk, "/api/v2/clients").text == "[]")
            plesk.clearFaults()
            #expect(try await client.fetch(plesk, "/api/v2/clients").jsonArray().count == plesk.inventory.clients.count)
        }
    }

    @Test func htmlInsteadOfJSON() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.html, on: .domains)
            let response = try await client.fetch(plesk, "/api/v2/domains")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/html; charset=UTF-8")
            #expect(response.text.contains("Plesk login page"))
            #expect(throws: (any Error).self) { try response.json() }
        }
    }

    @Test func truncatedBody() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.truncated, on: .domains)
            let full = plesk.inventory.domains.count
            #expect(full > 10)
            var request = HTTPClientRequest(url: plesk.url + "/api/v2/domains")
            request.headers.add(name: "X-API-Key", value: SimulatedPlesk.Configuration.defaultAPIKey)
            let response = try await client.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 200)
            let declared = try #require(response.headers.first(name: "content-length").flatMap { Int($0) })
            #expect(declared > 100)
            await #expect(throws: (any Error).self) {
                _ = try await response.body.collect(upTo: 1 << 24)
            }
        }
    }

    @Test func malformedJSON() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.malformedJSON, on: .clients)
            let response = try await client.fetch(plesk, "/api/v2/clients")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json; charset=utf-8")
            #expect(throws: (any Error).self) { try response.json() }
        }
    }

    @Test func wrongShapes() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.wrongShape(.object), on: .domains, times: 1)
            let object = try await client.fetch(plesk, "/api/v2/domains").jsonObject()
            #expect((object["data"] as? [Any])?.count == plesk.inventory.domains.count)

            plesk.inject(.wrongShape(.arrayOfStrings), on: .clients, times: 1)
            let strings = try #require(try await client.fetch(plesk, "/api/v2/clients").json() as? [String])
            #expect(strings.contains("admin"))

            plesk.inject(.wrongShape(.arrayOfStrings), on: .server, times: 1)
            #expect(try await client.fetch(plesk, "/api/v2/server").json() is [String])
        }
    }

    @Test func missingField() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.missingField("guid"), on: [.domains, .clients, .server, .domainClient])
            let domains = try await client.fetch(plesk, "/api/v2/domains").jsonArray()
            #expect(domains.count == plesk.inventory.domains.count)
            #expect(domains.allSatisfy { $0["guid"] == nil && $0["name"] is String && $0["aliases"] is [Any] })
            let clients = try await client.fetch(plesk, "/api/v2/clients").jsonArray()
            #expect(clients.allSatisfy { $0["guid"] == nil && $0["login"] is String })
            let server = try await client.fetch(plesk, "/api/v2/server").jsonObject()
            #expect(server["guid"] == nil && server.count == 8)
            let owner = try await client.fetch(plesk, "/api/v2/domains/1/client").jsonObject()
            #expect(owner["guid"] == nil && owner["login"] as? String == "admin")
            plesk.clearFaults()
            #expect(try await client.fetch(plesk, "/api/v2/domains").jsonArray().allSatisfy { $0["guid"] is String })
        }
    }

    @Test func oversizedBodies() async throws {
        try await withSimulator { plesk, client throws in
            // A client with a limit gives up early (declared length, then chunked).
            plesk.inject(.oversized(bytes: 300 * 1024 * 1024), on: .domains, times: 1)
            var request = HTTPClientRequest(url: plesk.url + "/api/v2/domains")
            request.headers.add(name: "X-API-Key", value: SimulatedPlesk.Configuration.defaultAPIKey)
            let declared = try await client.execute(request, timeout: .seconds(10))
            #expect(Int(declared.headers.first(name: "content-length") ?? "") ?? 0 >= 300 * 1024 * 1024)
            await #expect(throws: (any Error).self) { _ = try await declared.body.collect(upTo: 1024 * 1024) }

            plesk.inject(.oversized(bytes: 300 * 1024 * 1024, declaresLength: false), on: .domains, times: 1)
            let chunked = try await client.execute(request, timeout: .seconds(10))
            #expect(chunked.headers.first(name: "content-length") == nil)
            await #expect(throws: (any Error).self) { _ = try await chunked.body.collect(upTo: 1024 * 1024) }

            // A small one read in full is valid JSON of at least that size.
            plesk.inject(.oversized(bytes: 2 * 1024 * 1024), on: .domains, times: 1)
            let small = try await client.fetch(plesk, "/api/v2/domains")
            #expect(small.body.count >= 2 * 1024 * 1024)
            let items = try small.jsonArray()
            #expect(items.count > 1000)
            #expect(items.allSatisfy { $0["guid"] is String })
        }
    }

    @Test func connectionReset() async throws {
        for tls in [SimulatedPlesk.Configuration.TLS.disabled, .selfSigned] {
            try await withSimulator(.init(tls: tls)) { plesk, client throws in
                plesk.inject(.connectionReset, on: .server, times: 1)
                await #expect(throws: (any Error).self) {
                    _ = try await client.fetch(plesk, "/api/v2/server", timeout: 10)
                }
                #expect(try await client.fetch(plesk, "/api/v2/server").status == 200)
            }
        }
    }

    @Test func redirect() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.redirect(location: "/login_up.php"), on: .domains)
            let response = try await client.fetch(plesk, "/api/v2/domains")
            #expect(response.status == 301)
            #expect(response.header("location") == "/login_up.php")
        }
    }
}
