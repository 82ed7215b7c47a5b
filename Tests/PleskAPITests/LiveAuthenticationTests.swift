import Foundation
import PleskAPI
import PleskSimulator
import Testing

@Suite("Live: authentication against the simulator")
struct LiveAuthenticationTests {
    @Test("an API key travels in X-API-Key, never in the URI, with Accept: application/json")
    func apiKeyInHeader() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let server = try await client.server()
                #expect(server.hostname == "plesk.demo.example")
                _ = try await client.domainStatus(domainID: 1)
            }
            let records = plesk.requests
            #expect(records.count == 2)
            for record in records {
                #expect(record.auth == .apiKey(Secrets.apiKey))
                #expect(record.authenticated)
                #expect(record.headers["x-api-key"] == Secrets.apiKey)
                #expect(record.headers["authorization"] == nil)
                #expect(record.headers["accept"] == "application/json")
                #expect(!record.uri.contains(Secrets.apiKey))
                #expect(!record.uri.contains("?"))
            }
            #expect(records.map(\.uri) == ["/api/v2/server", "/api/v2/domains/1/status"])
        }
    }

    @Test("HTTP Basic works and sends no X-API-Key")
    func basicAuth() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let credentials = PleskCredentials.basic(username: Secrets.username, password: Secrets.password)
            try await LiveHarness.withClient(of: plesk, credentials: credentials) { client in
                let clients = try await client.clients()
                #expect(clients.first?.login == "admin")
            }
            let record = try #require(plesk.requests.first)
            #expect(record.auth == .basic(username: Secrets.username))
            #expect(record.authenticated)
            #expect(record.headers["x-api-key"] == nil)
            #expect(record.headers["authorization"] == "Basic \(Secrets.basicToken(Secrets.username, Secrets.password))")
            #expect(!record.uri.contains(Secrets.password))
        }
    }

    @Test("a wrong key is auth / 401 and names neither key")
    func wrongKey() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk, credentials: .apiKey(Secrets.wrongKey)) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .domains) { try await client.domains() }
                #expect(error?.status == 401)
                #expect(error?.pleskCode == nil)
                #expect(error?.detail.contains("401") == true)
            }
            #expect(plesk.requests.first?.authenticated == false)
        }
    }

    @Test("a wrong password is auth / 401")
    func wrongPassword() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let credentials = PleskCredentials.basic(username: Secrets.username, password: Secrets.wrongPassword)
            try await LiveHarness.withClient(of: plesk, credentials: credentials) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .server) { try await client.server() }
                #expect(error?.status == 401)
            }
        }
    }

    @Test("403 is auth and carries Plesk's message")
    func forbidden() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.forbidden(), on: .clients)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .clients) { try await client.clients() }
                #expect(error?.status == 403)
                #expect(error?.pleskCode == 403)
                #expect(error?.detail.contains("Access to the API is forbidden from this IP address.") == true)
            }
        }
    }

    @Test("401 from a fault on a valid key is still auth")
    func unauthorizedFault() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.unauthorized, on: .server, times: 1)
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .server) { try await client.server() }
                #expect(error?.status == 401)
                // The fault was used up: the same client works again.
                let server = try await client.server()
                #expect(server.platform == "Unix")
            }
        }
    }

    @Test("a revoked key stops working")
    func revokedKey() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                _ = try await client.server()
                plesk.revokeAPIKey(Secrets.apiKey)
                let error = await LiveHarness.expectFailure(.auth, on: .server) { try await client.server() }
                #expect(error?.status == 401)
            }
        }
    }
}
