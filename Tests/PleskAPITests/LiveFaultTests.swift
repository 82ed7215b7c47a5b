import Foundation
import PleskAPI
import PleskSimulator
import Testing
import TestSupport

/// Each injected fault, seen through the real client over loopback, lands in its `reason`.
@Suite("Live: fault classification")
struct LiveFaultTests {
    // MARK: Time

    @Test("a delay shorter than the timeout succeeds")
    func shortDelay() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.delay(.milliseconds(200)), on: .server)
            try await LiveHarness.withClient(of: plesk, timeout: .seconds(10)) { client in
                let server = try await client.server()
                #expect(server.hostname == "plesk.demo.example")
            }
        }
    }

    @Test("a delay longer than the timeout, or a hang, is timeout", arguments: [false, true])
    func longDelayOrHang(hang: Bool) async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(hang ? .hang : .delay(.seconds(120)), on: .domains)
            let started = ContinuousClock.now
            try await LiveHarness.withClient(of: plesk, timeout: .seconds(1)) { client in
                let error = await LiveHarness.expectFailure(.timeout, on: .domains) { try await client.domains() }
                #expect(error?.status == nil)
            }
            // Roughly the 1 s deadline, certainly not the fault's duration.
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test("a request in flight is given up at once when its caller is cancelled, long before its deadline")
    func cancelledCallerEndsTheRequest() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.hang, on: .domains)
            let started = ContinuousClock.now
            try await LiveHarness.withClient(of: plesk, timeout: .seconds(300)) { client in
                let poll = Task { try await client.domains() }
                #expect(await eventually { !plesk.requests(to: .domains).isEmpty })
                poll.cancel()
                let outcome = await poll.result
                #expect(throws: CancellationError.self) { try outcome.get() }
            }
            #expect(ContinuousClock.now - started < .seconds(60))
        }
    }

    @Test("a hang over TLS is timeout too")
    func hangOverTLS() async throws {
        try await SimulatedPlesk.withRunning { plesk in
            plesk.inject(.hang, on: .clients)
            let started = ContinuousClock.now
            // 5 s, not 1 s: on a loaded machine a 1 s deadline can expire during the handshake (reason connect).
            try await LiveHarness.withClient(of: plesk, tls: .init(insecureSkipVerify: true), timeout: .seconds(5)) {
                client in
                let error = await LiveHarness.expectFailure(.timeout, on: .clients) { try await client.clients() }
                #expect(error?.status == nil)
            }
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    // MARK: Status codes

    @Test("500 with Plesk code 1023 is http and carries code and message")
    func licenseRestriction() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.licenseRestriction, on: .clients)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.http, on: .clients) { try await client.clients() }
                #expect(error?.status == 500)
                #expect(error?.pleskCode == 1023)
                #expect(error?.detail.contains("You cannot manage customers due to license restrictions.") == true)
                #expect(error?.description.contains("/api/v2/clients") == true)
            }
        }
    }

    @Test("503 (not initialised) is http with Plesk's message")
    func notInitialized() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.notInitialized(), on: .server)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.http, on: .server) { try await client.server() }
                #expect(error?.status == 503)
                #expect(error?.pleskCode == nil)
                #expect(error?.detail.contains("Plesk is not initialized yet.") == true)
            }
        }
    }

    @Test("a bare 502 without a body is http")
    func badGatewayWithoutBody() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.status(502), on: .domainStatus)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.http, on: .domainStatus) {
                    try await client.domainStatus(domainID: 1)
                }
                #expect(error?.status == 502)
                #expect(error?.pleskCode == nil)
            }
        }
    }

    @Test("a redirect is http, not followed")
    func redirectNotFollowed() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let location = plesk.url + "/api/v2/server"
            plesk.inject(.redirect(location: location), on: .domains)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.http, on: .domains) { try await client.domains() }
                #expect(error?.status == 301)
                #expect(error?.detail.contains(location) == true)
            }
            #expect(plesk.requestCount(.domains) == 1)
            #expect(plesk.requestCount(.server) == 0)
            #expect(plesk.totalRequestCount == 1)
        }
    }

    // MARK: Bodies

    @Test("an HTML page is decode")
    func html() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.html, on: .domains)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.decode, on: .domains) { try await client.domains() }
                #expect(error?.status == 200)
                #expect(error?.detail.contains("text/html") == true)
            }
        }
    }

    @Test("a truncated body is decode", arguments: [false, true])
    func truncated(overTLS: Bool) async throws {
        let configuration = overTLS ? SimulatedPlesk.Configuration() : LiveHarness.plainHTTP()
        try await SimulatedPlesk.withRunning(configuration: configuration) { plesk in
            plesk.inject(.truncated, on: .clients)
            try await LiveHarness.withClient(of: plesk, tls: .init(insecureSkipVerify: overTLS)) { client in
                let error = await LiveHarness.expectFailure(.decode, on: .clients) { try await client.clients() }
                #expect(error?.status == 200)
                #expect(error?.detail.contains("truncated") == true, "\(String(describing: error))")
            }
        }
    }

    @Test("malformed JSON is decode")
    func malformedJSON() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.malformedJSON, on: .domains)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.decode, on: .domains) { try await client.domains() }
                #expect(error?.status == 200)
                // The body's values stay out of the message.
                #expect(error?.detail.contains("broken.example") == false)
            }
        }
    }

    @Test(
        "valid JSON of the wrong shape is decode",
        arguments: [SimulatedPlesk.Fault.WrongShape.object, .arrayOfStrings])
    func wrongShape(shape: SimulatedPlesk.Fault.WrongShape) async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.wrongShape(shape), on: [.domains, .clients, .server])
            try await LiveHarness.withClient(of: plesk) { client in
                let domains = await LiveHarness.expectFailure(.decode, on: .domains) { try await client.domains() }
                #expect(domains?.detail.contains("wrong type") == true)
                await LiveHarness.expectFailure(.decode, on: .clients) { try await client.clients() }
                await LiveHarness.expectFailure(.decode, on: .server) { try await client.server() }
            }
        }
    }

    @Test("a missing required field is decode and names the field")
    func missingField() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.missingField("guid"), on: [.domains, .server])
            try await LiveHarness.withClient(of: plesk) { client in
                let domains = await LiveHarness.expectFailure(.decode, on: .domains) { try await client.domains() }
                #expect(domains?.detail.contains("'guid'") == true)
                let server = await LiveHarness.expectFailure(.decode, on: .server) { try await client.server() }
                #expect(server?.detail.contains("'guid'") == true)
            }
        }
    }

    @Test("a missing optional field is not an error")
    func missingOptionalField() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.missingField("company"), on: .clients)
            try await LiveHarness.withClient(of: plesk) { client in
                let clients = try await client.clients()
                #expect(clients.count == plesk.inventory.clients.count)
                #expect(clients.allSatisfy { $0.company == nil })
            }
        }
    }

    @Test("an empty list is a success with no items")
    func emptyList() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.emptyList, on: [.domains, .clients])
            try await LiveHarness.withClient(of: plesk) { client in
                let domains = try await client.domains()
                #expect(domains == [])
                let clients = try await client.clients()
                #expect(clients == [])
            }
        }
    }

    @Test("a body over maxResponseBytes is limit, with and without Content-Length", arguments: [true, false])
    func oversized(declaresLength: Bool) async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.oversized(bytes: 4 * 1024 * 1024, declaresLength: declaresLength), on: .domains)
            try await LiveHarness.withClient(of: plesk, maxResponseBytes: 1024 * 1024) { client in
                let error = await LiveHarness.expectFailure(.limit, on: .domains) { try await client.domains() }
                #expect(error?.status == 200)
                #expect(error?.detail.contains("1048576") == true)
                // The connection with the unread rest is not reused for the next request.
                let server = try await client.server()
                #expect(server.platform == "Unix")
            }
        }
    }

    @Test("a body under maxResponseBytes is read whole")
    func largeButAllowed() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.oversized(bytes: 512 * 1024, declaresLength: false), on: .domains)
            try await LiveHarness.withClient(of: plesk, maxResponseBytes: 1024 * 1024) { client in
                // The filler repeats 200 domains, so the list holds duplicate guids: decode, not limit.
                let error = await LiveHarness.expectFailure(.decode, on: .domains) { try await client.domains() }
                #expect(error?.detail.contains("twice") == true)
            }
        }
    }

    // MARK: Connections

    @Test("a connection closed before any response is connect", arguments: [false, true])
    func connectionReset(overTLS: Bool) async throws {
        let configuration = overTLS ? SimulatedPlesk.Configuration() : LiveHarness.plainHTTP()
        try await SimulatedPlesk.withRunning(configuration: configuration) { plesk in
            plesk.inject(.connectionReset, on: .domains, times: 1)
            // A generous deadline: the whole suite in parallel on 2 cores once stretched this request past 10 s, and
            // the deadline then won the race against the reset (timeout instead of connect).
            try await LiveHarness.withClient(of: plesk, tls: .init(insecureSkipVerify: overTLS), timeout: .seconds(60)) {
                client in
                let error = await LiveHarness.expectFailure(.connect, on: .domains) { try await client.domains() }
                #expect(error?.status == nil)
                // The next poll works again.
                let domains = try await client.domains()
                #expect(domains.count == plesk.inventory.domains.count)
            }
        }
    }

    @Test("a refused connection is connect, and fails fast")
    func connectionRefused() async throws {
        let closed = try ClosedPort()
        let target = try LiveHarness.target("http://127.0.0.1:\(closed.port)", timeout: .seconds(30))
        let started = ContinuousClock.now
        try await LiveHarness.withClient(target) { client in
            let error = await LiveHarness.expectFailure(.connect, on: .server) { try await client.server() }
            #expect(error?.status == nil)
        }
        // Well before the 30 s deadline (no retries of the connection), with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(15))
        withExtendedLifetime(closed) {}
    }

    @Test("a refused connection on a pinned target is connect")
    func connectionRefusedPinned() async throws {
        let closed = try ClosedPort()
        let pin = String(repeating: "AB:", count: 31) + "AB"
        let target = try LiveHarness.target(
            "https://127.0.0.1:\(closed.port)", tls: .init(fingerprintSHA256: pin), timeout: .seconds(30))
        try await LiveHarness.withClient(target) { client in
            let error = await LiveHarness.expectFailure(.connect, on: .clients) { try await client.clients() }
            #expect(error?.status == nil)
        }
        withExtendedLifetime(closed) {}
    }
}
