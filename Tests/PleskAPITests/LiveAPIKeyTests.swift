import Foundation
import PleskAPI
import PleskSimulator
import Testing

@Suite("Live: creating an API key")
struct LiveAPIKeyTests {
    @Test("createAPIKey with Basic auth returns a key that then authenticates")
    func createThenUse() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let basic = PleskCredentials.basic(username: Secrets.username, password: Secrets.password)
            let key = try await LiveHarness.withClient(of: plesk, credentials: basic) { client in
                try await client.createAPIKey(.init(description: "plesk_exporter test"))
            }
            #expect(!key.isEmpty)
            let issued = try #require(plesk.issuedAPIKeys.first)
            #expect(plesk.issuedAPIKeys.count == 1)
            #expect(issued.key == key)
            #expect(issued.createdBy == Secrets.username)
            #expect(issued.description == "plesk_exporter test")

            let record = try #require(plesk.requests(to: .authKeys).first)
            #expect(record.method == "POST")
            #expect(record.headers["content-type"] == "application/json")
            #expect(record.auth == .basic(username: Secrets.username))

            try await LiveHarness.withClient(of: plesk, credentials: .apiKey(key)) { client in
                let server = try await client.server()
                #expect(server.hostname == "plesk.demo.example")
                // Errors from the new key's client do not name it either.
                plesk.inject(.status(500), on: .clients, times: 1)
                await LiveHarness.expectFailure(.http, on: .clients, alsoSecret: [key]) { try await client.clients() }
            }
            #expect(plesk.requests(to: .server).last?.auth == .apiKey(key))
        }
    }

    @Test("createAPIKey with the default empty request body")
    func createWithEmptyRequest() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let basic = PleskCredentials.basic(username: Secrets.username, password: Secrets.password)
            let key = try await LiveHarness.withClient(of: plesk, credentials: basic) { client in
                try await client.createAPIKey()
            }
            #expect(plesk.issuedAPIKeys.map(\.key) == [key])
        }
    }

    @Test("createAPIKey with a wrong password is auth")
    func createWithWrongPassword() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let basic = PleskCredentials.basic(username: Secrets.username, password: Secrets.wrongPassword)
            try await LiveHarness.withClient(of: plesk, credentials: basic) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .createAPIKey) { try await client.createAPIKey() }
                #expect(error?.status == 401)
            }
            #expect(plesk.issuedAPIKeys.isEmpty)
        }
    }

    @Test("createAPIKey from an API-key client is refused without a request")
    func refusedForAPIKeyClient() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .createAPIKey) { try await client.createAPIKey() }
                #expect(error?.detail.contains("Basic") == true)
            }
            #expect(plesk.totalRequestCount == 0)
            #expect(plesk.issuedAPIKeys.isEmpty)
        }
    }

    @Test("a key minted seconds ago answers 401 until it is active: auth")
    func keyNotYetActive() async throws {
        var configuration = LiveHarness.plainHTTP()
        configuration.keyActivationDelay = .seconds(300)
        try await SimulatedPlesk.withRunning(configuration: configuration) { plesk in
            let basic = PleskCredentials.basic(username: Secrets.username, password: Secrets.password)
            let key = try await LiveHarness.withClient(of: plesk, credentials: basic) { try await $0.createAPIKey() }
            try await LiveHarness.withClient(of: plesk, credentials: .apiKey(key)) { client in
                let error = await LiveHarness.expectFailure(.auth, on: .domains, alsoSecret: [key]) {
                    try await client.domains()
                }
                #expect(error?.status == 401)
            }
        }
    }
}
