import Foundation
import PleskAPI
import PleskSimulator
import Testing

@Suite("Live: the request observer")
struct LiveObserverTests {
    @Test("called once per request with the endpoint and the failure reason")
    func oncePerRequest() async throws {
        let log = ObservationLog()
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.licenseRestriction, on: .clients, times: 1)
            plesk.inject(.html, on: .domainStatus, times: 1)
            plesk.inject(.forbidden(), on: .clientStatistics, times: 1)
            try await LiveHarness.withClient(of: plesk, observer: log.observer) { client in
                _ = try await client.server()
                _ = try await client.domains()
                await LiveHarness.expectFailure(.http, on: .clients) { try await client.clients() }
                _ = try await client.clients()
                await LiveHarness.expectFailure(.decode, on: .domainStatus) { try await client.domainStatus(domainID: 1) }
                await LiveHarness.expectFailure(.http, on: .domainClient) { try await client.domainOwner(domainID: 999_999) }
                await LiveHarness.expectFailure(.auth, on: .clientStatistics) {
                    try await client.clientStatistics(clientID: 1)
                }
                _ = try await client.clientDomains(clientID: 1)
            }
            #expect(plesk.totalRequestCount == 8)
        }
        #expect(
            log.all == [
                Observation(endpoint: .server, reason: nil),
                Observation(endpoint: .domains, reason: nil),
                Observation(endpoint: .clients, reason: .http),
                Observation(endpoint: .clients, reason: nil),
                Observation(endpoint: .domainStatus, reason: .decode),
                Observation(endpoint: .domainClient, reason: .http),
                Observation(endpoint: .clientStatistics, reason: .auth),
                Observation(endpoint: .clientDomains, reason: nil),
            ])
    }

    @Test("transport failures are observed too: timeout, connect, tls, limit")
    func transportFailures() async throws {
        let log = ObservationLog()
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.hang, on: .server, times: 1)
            plesk.inject(.oversized(bytes: 2 * 1024 * 1024), on: .domains, times: 1)
            plesk.inject(.connectionReset, on: .clients, times: 1)
            // Only the hang gets the short deadline: on a loaded machine the other two must not time out instead.
            try await LiveHarness.withClient(of: plesk, timeout: .seconds(1), observer: log.observer) { client in
                await LiveHarness.expectFailure(.timeout, on: .server) { try await client.server() }
            }
            try await LiveHarness.withClient(
                of: plesk, timeout: .seconds(30), maxResponseBytes: 1024 * 1024, observer: log.observer
            ) { client in
                await LiveHarness.expectFailure(.limit, on: .domains) { try await client.domains() }
                await LiveHarness.expectFailure(.connect, on: .clients) { try await client.clients() }
            }
        }
        try await SimulatedPlesk.withRunning { plesk in
            try await LiveHarness.withClient(of: plesk, observer: log.observer) { client in
                let error = await LiveHarness.expectFailure(.tls, on: .server) { try await client.server() }
                #expect(error?.status == nil)
            }
        }
        #expect(
            log.all == [
                Observation(endpoint: .server, reason: .timeout),
                Observation(endpoint: .domains, reason: .limit),
                Observation(endpoint: .clients, reason: .connect),
                Observation(endpoint: .server, reason: .tls),
            ])
    }

    @Test("a refused createAPIKey is not a request, so it is not observed")
    func refusedCreateIsNotObserved() async throws {
        let log = ObservationLog()
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk, observer: log.observer) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .createAPIKey) { try await client.createAPIKey() }
                #expect(error?.status == nil)
            }
        }
        #expect(log.all.isEmpty)
    }
}
