import AsyncHTTPClient
import ExporterConfig
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Exporter

/// `basic_auth_users`: every path but /healthz needs a user; bcrypt checks are cached.
@Suite("--web.config.file: basic auth")
struct BasicAuthTests {
    static func authorization(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: KeepAliveConnection.basic(user, password)]
    }

    /// The router with the fixture's `web.yml`, tested without a socket.
    func withRouter(
        _ fixture: WebFixture, verifier: any PasswordVerifier = BcryptPasswordVerifier(),
        _ body: @escaping @Sendable (any TestClientProtocol, ReloadableWebSecurity) async throws -> Void
    ) async throws {
        let harness = try await Harness()
        let security = try ReloadableWebSecurity(file: fixture.configFile)
        var dependencies = harness.dependencies()
        dependencies.security = security
        dependencies.passwordVerifier = verifier
        try await Application(router: buildRouter(dependencies)).test(.router) { client in
            try await body(client, security)
        }
    }

    @Test("no credentials, wrong password, unknown user: 401 with WWW-Authenticate and the envelope; right: 200")
    func challenge() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(tls: false, users: ["alice": WebFixture.aliceHash, "bob": WebFixture.bobHash])
        try await withRouter(fixture) { client, _ in
            let attempts: [(String, HTTPFields)] = [
                ("none", [:]),
                ("wrong password", Self.authorization("alice", "wrong")),
                ("another user's password", Self.authorization("alice", WebFixture.bobPassword)),
                ("unknown user", Self.authorization("mallory", WebFixture.alicePassword)),
                ("not basic", [.authorization: "Bearer \(WebFixture.alicePassword)"]),
                ("not base64", [.authorization: "Basic %%%"]),
                ("no colon", [.authorization: "Basic " + Data("alice".utf8).base64EncodedString()]),
            ]
            for (name, headers) in attempts {
                for path in ["/metrics", "/", "/readyz", "/api/v1/targets", "/api/v1/nope"] {
                    let response = try await client.execute(uri: path, method: .get, headers: headers)
                    #expect(response.status == .unauthorized, "\(name) \(path)")
                    #expect(response.headers[.wwwAuthenticate] == #"Basic realm="plesk_exporter""#, "\(name)")
                    let envelope = try response.envelope(String.self)
                    #expect(envelope.status == "error")
                    #expect(envelope.errorType == "unauthorized")
                    #expect(envelope.error == "authentication required")
                    #expect(!response.text.contains(WebFixture.alicePassword))
                }
            }
            let alice = try await client.execute(
                uri: "/api/v1/targets", method: .get, headers: Self.authorization("alice", WebFixture.alicePassword))
            #expect(alice.status == .ok)
            #expect(try alice.envelope([TargetDTO].self).data?.map(\.name) == ["web01", "web02"])
            let bob = try await client.execute(
                uri: "/metrics", method: .get, headers: Self.authorization("bob", WebFixture.bobPassword))
            #expect(bob.status == .ok)
            // The scheme is case-insensitive (RFC 7617).
            let lower = try await client.execute(
                uri: "/metrics", method: .get,
                headers: [.authorization: "basic " + Data("bob:\(WebFixture.bobPassword)".utf8).base64EncodedString()])
            #expect(lower.status == .ok)
        }
    }

    @Test("/healthz needs no credentials; without users nothing does")
    func openPaths() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(tls: false, users: ["alice": WebFixture.aliceHash])
        try await withRouter(fixture) { client, _ in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text == "ok\n")
            #expect(try await client.execute(uri: "/healthz", method: .head).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .unauthorized)
        }
        try fixture.writeConfig(tls: false)
        try await withRouter(fixture) { client, _ throws in
            #expect(try await client.execute(uri: "/api/v1/targets", method: .get).status == .ok)
        }
    }

    @Test("a successful check is cached: repeated scrapes cost one bcrypt; wrong passwords always cost one")
    func cache() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(tls: false, users: ["alice": WebFixture.aliceHash, "bob": WebFixture.bobHash])
        let verifier = CountingVerifier()
        try await withRouter(fixture, verifier: verifier) { client, _ in
            for _ in 0..<5 {
                let response = try await client.execute(
                    uri: "/metrics", method: .get, headers: Self.authorization("alice", WebFixture.alicePassword))
                #expect(response.status == .ok)
            }
            #expect(verifier.count == 1)
            for _ in 0..<3 {
                let response = try await client.execute(
                    uri: "/metrics", method: .get, headers: Self.authorization("alice", "wrong"))
                #expect(response.status == .unauthorized)
            }
            #expect(verifier.count == 4)
            // An unknown user costs a check too (against another user's hash), so its timing matches a known one.
            let unknown = try await client.execute(
                uri: "/metrics", method: .get, headers: Self.authorization("mallory", "x"))
            #expect(unknown.status == .unauthorized)
            #expect(verifier.count == 5)
            // The cache key includes the user: bob's first request is checked.
            _ = try await client.execute(uri: "/", method: .get, headers: Self.authorization("bob", WebFixture.bobPassword))
            #expect(verifier.count == 6)
        }
    }

    @Test("a reloaded user table applies to the next request; the cache does not outlive a changed hash")
    func reloadUsers() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(tls: false, users: ["alice": WebFixture.aliceHash])
        let verifier = CountingVerifier()
        try await withRouter(fixture, verifier: verifier) { client, security in
            let alice = Self.authorization("alice", WebFixture.alicePassword)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: alice).status == .ok)
            // alice's password changes to bob's.
            try fixture.writeConfig(tls: false, users: ["alice": WebFixture.bobHash])
            try security.reload()
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: alice).status == .unauthorized)
            let newAlice = Self.authorization("alice", WebFixture.bobPassword)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: newAlice).status == .ok)
            // Users removed: open again.
            try fixture.writeConfig(tls: false)
            try security.reload()
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok)
        }
    }

    @Test("$2y$ hashes (htpasswd) verify like $2b$")
    func htpasswdHashes() async throws {
        let hash = "$2y$" + WebFixture.aliceHash.dropFirst(4)
        #expect(await BcryptPasswordVerifier().verify(password: WebFixture.alicePassword, hash: hash))
        #expect(await BcryptPasswordVerifier().verify(password: "nope", hash: hash) == false)
        #expect(await BcryptPasswordVerifier().verify(password: WebFixture.alicePassword + "\u{0}x", hash: hash) == false)
    }

    @Test("basic auth over TLS on a live socket")
    func liveTLS() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(users: ["alice": WebFixture.aliceHash])
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { _, port in
            try await fixture.httpClient().using { client throws in
                let base = "https://127.0.0.1:\(port)"
                let denied = try await client.get(base + "/metrics")
                #expect(denied.status == 401)
                #expect(denied.headers["www-authenticate"] == #"Basic realm="plesk_exporter""#)
                #expect(try await client.get(base + "/metrics", user: "alice", password: "x").status == 401)
                #expect(try await client.get(base + "/metrics", user: "alice", password: WebFixture.alicePassword).status == 200)
                #expect(try await client.get(base + "/healthz").status == 200)
            }
        }
    }
}
