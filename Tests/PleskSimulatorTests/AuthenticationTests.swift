import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

@Suite struct AuthenticationTests {
    @Test func apiKeyBasicAndNoneOnEveryEndpoint() async throws {
        try await withSimulator { plesk, client throws in
            for path in ["/api/v2/server", "/api/v2/domains", "/api/v2/clients", "/api/v2/clients/1/domains",
                         "/api/v2/domains/1/client", "/api/v2/domains/1/status", "/api/v2/clients/1/statistics"] {
                let withKey = try await client.fetch(plesk, path, auth: .defaultKey)
                #expect(withKey.status == 200, "\(path)")
                #expect(withKey.header("content-type") == "application/json; charset=utf-8")
                #expect(withKey.header("server") == "sw-cp-server")

                let withBasic = try await client.fetch(plesk, path, auth: .defaultBasic)
                #expect(withBasic.status == 200, "\(path)")

                let without = try await client.fetch(plesk, path, auth: .none)
                #expect(without.status == 401, "\(path)")
                #expect(without.body.isEmpty)
                #expect(without.header("server") == "sw-cp-server")

                let wrongKey = try await client.fetch(plesk, path, auth: .key("not-a-key"))
                #expect(wrongKey.status == 401)
                #expect(wrongKey.body.isEmpty)

                let wrongPassword = try await client.fetch(plesk, path, auth: .basic("admin", "wrong"))
                #expect(wrongPassword.status == 401)
                #expect(wrongPassword.body.isEmpty)
            }
        }
    }

    @Test func requestLogRecordsAuthMethod() async throws {
        try await withSimulator { plesk, client throws in
            _ = try await client.fetch(plesk, "/api/v2/domains", auth: .defaultKey)
            _ = try await client.fetch(plesk, "/api/v2/domains", auth: .defaultBasic)
            _ = try await client.fetch(plesk, "/api/v2/domains", auth: .none)
            let records = plesk.requests(to: .domains)
            #expect(records.map(\.auth) == [
                .apiKey(SimulatedPlesk.Configuration.defaultAPIKey), .basic(username: "admin"), .none,
            ])
            #expect(records.map(\.authenticated) == [true, true, false])
            #expect(records[0].headers["accept"] == "application/json")
            #expect(records.allSatisfy { !$0.uri.contains(SimulatedPlesk.Configuration.defaultAPIKey) })
            #expect(plesk.requestCount(.domains) == 3)
            #expect(plesk.requestCount(.clients) == 0)
        }
    }

    @Test func createKeyWithBasicAuthThenUseIt() async throws {
        try await withSimulator { plesk, client throws in
            let created = try await client.fetch(
                plesk, "/api/v2/auth/keys", method: "POST", auth: .defaultBasic,
                body: #"{"ip":"127.0.0.1","login":"admin","description":"plesk_exporter"}"#)
            #expect(created.status == 201)
            let key = try #require(try created.jsonObject()["key"] as? String)
            #expect(UUID(uuidString: key) != nil)

            let used = try await client.fetch(plesk, "/api/v2/server", auth: .key(key))
            #expect(used.status == 200)

            let issued = try #require(plesk.issuedAPIKeys.first)
            #expect(issued.key == key)
            #expect(issued.createdBy == "admin")
            #expect(issued.ip == "127.0.0.1")
            #expect(issued.description == "plesk_exporter")

            // An empty body and `{}` work too.
            let bare = try await client.fetch(plesk, "/api/v2/auth/keys", method: "POST", auth: .defaultBasic)
            #expect(bare.status == 201)
            let empty = try await client.fetch(plesk, "/api/v2/auth/keys", method: "POST", auth: .defaultBasic, body: "{}")
            #expect(empty.status == 201)
        }
    }

    @Test func createKeyRejections() async throws {
        try await withSimulator { plesk, client throws in
            let wrongPassword = try await client.fetch(
                plesk, "/api/v2/auth/keys", method: "POST", auth: .basic("admin", "nope"), body: "{}")
            #expect(wrongPassword.status == 401)
            let error = try wrongPassword.jsonObject()
            #expect(error["message"] as? String == "Incorrect login")
            #expect(error["code"] is Int)

            let withKey = try await client.fetch(plesk, "/api/v2/auth/keys", method: "POST", auth: .defaultKey, body: "{}")
            #expect(withKey.status == 401)
            #expect(withKey.body.isEmpty)

            let none = try await client.fetch(plesk, "/api/v2/auth/keys", method: "POST", auth: .none, body: "{}")
            #expect(none.status == 401)
            #expect(none.body.isEmpty)

            let badBody = try await client.fetch(plesk, "/api/v2/auth/keys", method: "POST", auth: .defaultBasic, body: "[1]")
            #expect(badBody.status == 400)
            #expect(try badBody.jsonObject()["code"] as? Int == 400)

            let unknownLogin = try await client.fetch(
                plesk, "/api/v2/auth/keys", method: "POST", auth: .defaultBasic, body: #"{"login":"nobody"}"#)
            #expect(unknownLogin.status == 400)
            #expect(plesk.issuedAPIKeys.isEmpty)

            let get = try await client.fetch(plesk, "/api/v2/auth/keys", auth: .defaultBasic)
            #expect(get.status == 405)
        }
    }

    @Test func newKeyWaitsForActivationDelay() async throws {
        var configuration = SimulatedPlesk.Configuration(tls: .disabled)
        configuration.keyActivationDelay = .seconds(3)
        try await withSimulator(configuration) { plesk, client throws in
            let created = try await client.fetch(plesk, "/api/v2/auth/keys", method: "POST", auth: .defaultBasic, body: "{}")
            let key = try #require(try created.jsonObject()["key"] as? String)
            let early = try await client.fetch(plesk, "/api/v2/server", auth: .key(key))
            #expect(early.status == 401)
            #expect(early.body.isEmpty)

            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            var status = early.status
            while status == 401, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.fetch(plesk, "/api/v2/server", auth: .key(key)).status
            }
            #expect(status == 200)
        }
    }

    @Test func keysAndUsersCanChangeWhileRunning() async throws {
        try await withSimulator { plesk, client throws in
            func status(_ auth: TestAuth) async throws -> Int {
                try await client.fetch(plesk, "/api/v2/server", auth: auth).status
            }
            plesk.revokeAPIKey(SimulatedPlesk.Configuration.defaultAPIKey)
            #expect(try await status(.defaultKey) == 401)
            plesk.addAPIKey("fresh")
            #expect(try await status(.key("fresh")) == 200)
            plesk.setUser("root", password: "toor")
            #expect(try await status(.basic("root", "toor")) == 200)
            plesk.setUser("root", password: nil)
            #expect(try await status(.basic("root", "toor")) == 401)
        }
    }
}
