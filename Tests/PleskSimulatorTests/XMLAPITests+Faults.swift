import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Faults injected on XML API operators (or on the whole API).
extension XMLAPITests {
    @Test func transportFaults() async throws {
        try await withXMLSimulator { plesk, client throws in
            let packet = Packet.webspace()
            plesk.inject(.delay(.milliseconds(300)), on: .xmlWebspace, times: 1)
            let start = ContinuousClock.now
            let delayed = try await client.agent(plesk, packet)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(try delayed.xml().systemError == nil)
            // Authentication still applies after a delay.
            plesk.inject(.delay(.milliseconds(10)), on: .xmlWebspace, times: 1)
            #expect(try await client.agent(plesk, packet, auth: .none).xml().systemError?.code == 1029)

            plesk.inject(.hang, on: .xmlWebspace, times: 1)
            let hangStart = ContinuousClock.now
            await #expect(throws: (any Error).self) { _ = try await client.agent(plesk, packet, timeout: 1) }
            #expect(ContinuousClock.now - hangStart >= .milliseconds(900))

            plesk.inject(.status(500), on: .xmlWebspace, times: 1)
            let failed = try await client.agent(plesk, packet)
            #expect(failed.status == 500)
            #expect(failed.body.isEmpty)
            plesk.inject(.status(404, body: "<html><body>Not Found</body></html>"), on: .xmlWebspace, times: 1)
            let notFound = try await client.agent(plesk, packet)
            #expect(notFound.status == 404)
            #expect(notFound.text == "<html><body>Not Found</body></html>")
            #expect(notFound.header("content-type")?.hasPrefix("text/html") == true)
            plesk.inject(.status(502, body: "<packet/>"), on: .xmlWebspace, times: 1)
            #expect(try await client.agent(plesk, packet).header("content-type") == "text/xml; charset=UTF-8")

            plesk.inject(.html, on: .xmlWebspace, times: 1)
            let html = try await client.agent(plesk, packet)
            #expect(html.status == 200)
            #expect(html.header("content-type")?.hasPrefix("text/html") == true)

            plesk.inject(.truncated, on: .xmlWebspace, times: 1)
            await #expect(throws: (any Error).self) { _ = try await client.agent(plesk, packet) }
            plesk.inject(.stalledBody, on: .xmlWebspace, times: 1)
            try await withTestClient(readTimeout: 1) { impatient in
                await #expect(throws: (any Error).self) { _ = try await impatient.agent(plesk, packet) }
            }

            plesk.inject(.connectionReset, on: .xmlWebspace, times: 1)
            await #expect(throws: (any Error).self) { _ = try await client.agent(plesk, packet, timeout: 10) }

            plesk.inject(.redirect(location: "/login_up.php"), on: .xmlWebspace, times: 1)
            let redirected = try await client.agent(plesk, packet)
            #expect(redirected.status == 301)
            #expect(redirected.header("location") == "/login_up.php")

            #expect(try await client.agent(plesk, packet).xml().systemError == nil)
            #expect(plesk.requests(to: .xmlWebspace).compactMap(\.fault).count == 11)
        }
    }

    @Test func bodyFaults() async throws {
        try await withXMLSimulator { plesk, client throws in
            let packet = Packet.webspace("<filter/>", Packet.allDatasets)
            let count = plesk.inventory.subscriptions.count

            plesk.inject(.malformed, on: .xmlWebspace, times: 1)
            let malformed = try await client.agent(plesk, packet)
            #expect(malformed.status == 200)
            #expect(malformed.header("content-type") == "text/xml; charset=UTF-8")
            #expect(throws: (any Error).self) { try malformed.xml() }

            plesk.inject(.emptyList, on: .xmlWebspace, times: 1)
            let empty = try await client.agent(plesk, packet).xml()
            #expect(try empty.elements("/packet/webspace/get").first?.childCount == 0)

            plesk.inject(.missingField("owner-id"), on: .xmlWebspace, times: 1)
            let missing = try await client.agent(plesk, packet).xml()
            #expect(try missing.elements("//gen_info").count == count)
            #expect(try missing.elements("//owner-id").isEmpty)

            plesk.inject(.wrongShape(.object), on: .xmlWebspace, times: 1)
            #expect(try await client.agent(plesk, packet).xml().root.name == "response")
            plesk.inject(.wrongShape(.arrayOfStrings), on: .xmlWebspace, times: 1)
            let names = try await client.agent(plesk, packet).xml()
            #expect(try names.elements("/packet/webspace/get/name").count == count)
            #expect(try names.elements("//result").isEmpty)

            // A small oversized body is a well-formed packet of at least that size.
            plesk.inject(.oversized(bytes: 2 * 1024 * 1024), on: .xmlWebspace, times: 1)
            let oversized = try await client.agent(plesk, packet)
            #expect(oversized.body.count >= 2 * 1024 * 1024)
            #expect(try oversized.xml().elements("/packet/webspace/get/result").count > 1000)
            plesk.inject(.oversized(bytes: 300 * 1024 * 1024, declaresLength: false), on: .xmlWebspace, times: 1)
            await #expect(throws: (any Error).self) { _ = try await client.agent(plesk, packet, limit: 1024 * 1024) }
        }
    }

    @Test func xmlOnlyFaults() async throws {
        try await withXMLSimulator { plesk, client throws in
            let packet = Packet.webspace()
            plesk.inject(.apiRefused(.httpForbidden), on: .xmlAPI, times: 1)
            let forbidden = try await client.agent(plesk, packet)
            #expect(forbidden.status == 403)

            plesk.inject(.apiRefused(.permissionDenied), on: .xmlAPI, times: 1)
            let denied = try await client.agent(plesk, packet)
            #expect(denied.status == 200)
            #expect(try denied.xml().systemError?.code == 1006)
            #expect(try denied.xml().systemError?.text == "Permission denied.")

            plesk.inject(.systemError(code: 1003, text: "Agent initialization failed."), on: .xmlWebspace, times: 1)
            let system = try await client.agent(plesk, packet).xml()
            #expect(system.systemError?.code == 1003)
            #expect(system.systemError?.text == "Agent initialization failed.")

            for (fault, code) in [
                (SimulatedPlesk.Fault.objectNotFound(at: 1), "1013"), (.operationFailed(at: 1), "1023"),
            ] {
                plesk.inject(fault, on: .xmlWebspace, times: 1)
                let results = try await client.agent(plesk, packet).xml().elements("/packet/webspace/get/result")
                #expect(results.count == plesk.inventory.subscriptions.count)
                #expect(results.map { $0.text("status") }.filter { $0 == "error" }.count == 1)
                #expect(results[1].childNames == ["status", "errcode", "errtext", "filter-id", "id"])
                #expect(results[1].text("errcode") == code)
                #expect(results[1].text("id") == String(plesk.inventory.subscriptions[1].id))
                #expect(results[0].text("status") == "ok")
            }
            // Past the end: the last result errs.
            plesk.inject(
                .errorResult(code: 1023, text: "Operation failed.", position: 10_000), on: .xmlServicePlan, times: 1)
            let plans = try await client.agent(plesk, Packet.servicePlans()).xml().elements("//result")
            #expect(plans.last?.text("errcode") == "1023")
            #expect(plans.dropLast().allSatisfy { $0.text("status") == "ok" })
        }
    }

    @Test func faultsHitTheirOperatorOnly() async throws {
        try await withXMLSimulator { plesk, client throws in
            let both = Packet.wrap(
                "<webspace><get><filter/><dataset><gen_info/></dataset></get></webspace><service-plan><get><filter/></get></service-plan>"
            )
            plesk.inject(.emptyList, on: .xmlServicePlan)
            let answer = try await client.agent(plesk, both).xml()
            #expect(try answer.elements("/packet/webspace/get/result").count == plesk.inventory.subscriptions.count)
            #expect(try answer.elements("/packet/service-plan/get/result").isEmpty)
            #expect(try await client.agent(plesk, Packet.webspace()).xml().elements("//result").count > 0)
            #expect(plesk.requests(to: .xmlServicePlan).allSatisfy { $0.fault == .emptyList })
            // REST endpoints are not touched by XML faults, and XML operators not by REST ones.
            #expect(try await client.fetch(plesk, "/api/v2/domains").jsonArray().count == plesk.inventory.domains.count)
            plesk.clearFaults()
            plesk.inject(.status(500), on: .domains)
            #expect(try await client.agent(plesk, Packet.webspace()).status == 200)

            // A fault on the whole API hits every packet, even unparsable ones and ones without credentials.
            plesk.inject(.systemError(code: 1004, text: "Plesk is not configured."), on: .xmlAPI, times: 3)
            #expect(try await client.agent(plesk, Packet.serverStat).xml().systemError?.code == 1004)
            #expect(try await client.agent(plesk, "<packet><broken").xml().systemError?.code == 1004)
            #expect(try await client.agent(plesk, Packet.webspace(), auth: .none).xml().systemError?.code == 1004)
            #expect(try await client.agent(plesk, Packet.webspace()).xml().systemError == nil)
            #expect(plesk.requestCount(.xmlAPI) == 7)
        }
    }

    @Test func xmlFaultsOnRESTEndpoints() async throws {
        try await withSimulator { plesk, client throws in
            plesk.inject(.apiRefused(.permissionDenied), on: .domains, times: 1)
            let refused = try await client.fetch(plesk, "/api/v2/domains")
            #expect(refused.status == 403)
            #expect(try refused.jsonObject()["code"] as? Int == 403)
            plesk.inject(.systemError(code: 1023, text: "Operation failed."), on: .clients, times: 1)
            let failed = try await client.fetch(plesk, "/api/v2/clients")
            #expect(failed.status == 500)
            #expect(try failed.jsonObject()["code"] as? Int == 1023)
            plesk.inject(.objectNotFound(), on: .clients, times: 1)
            #expect(try await client.fetch(plesk, "/api/v2/clients").jsonArray().count == plesk.inventory.clients.count)
        }
    }
}
