import AsyncHTTPClient
import ExporterConfig
import Foundation
import Logging
import PleskSimulator
import ServiceLifecycle
import TestSupport
import Testing

@testable import Exporter

/// Reloading the web configuration on the same listener: new certificates and users apply, open connections
/// stay, a broken file changes nothing.
@Suite("--web.config.file: reload")
struct WebReloadTests {
    /// Repeats `check` until it returns true or the deadline passes.
    static func eventually(within deadline: Duration = .seconds(20), _ check: () async throws -> Bool) async throws
        -> Bool
    {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            if try await check() { return true }
            try await Task.sleep(for: .milliseconds(25))
        }
        return try await check()
    }

    @Test("a new certificate and user table take effect on the same port; an open keep-alive connection stays")
    func reloadKeepsConnections() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(users: ["alice": WebFixture.aliceHash])
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { security, port in
            let alice = KeepAliveConnection.basic("alice", WebFixture.alicePassword)
            let bob = KeepAliveConnection.basic("bob", WebFixture.bobPassword)
            try await KeepAliveConnection.with(port: port, trusting: fixture.server.authority.certificatePEM) { get throws in
                #expect(try await get("/metrics", alice) == 200)

                // A renewed certificate from another CA, and bob instead of alice.
                let renewed = try TestCertificates.authorityAndLeaf(authorityName: "Renewed CA")
                try fixture.directory.write("tls/server.crt", renewed.leaf.certificatePEM)
                try fixture.directory.write("tls/server.key", renewed.leaf.privateKeyPEM)
                try fixture.writeConfig(users: ["bob": WebFixture.bobHash])
                try security.reload()

                // The open connection carries on (with the new user table)...
                #expect(try await get("/metrics", alice) == 401)
                #expect(try await get("/metrics", bob) == 200)
                #expect(try await get("/healthz", nil) == 200)

                // ...and new connections get the new certificate.
                try await fixture.httpClient().using { client throws in
                    await #expect(throws: (any Error).self) { _ = try await client.get("https://127.0.0.1:\(port)/healthz") }
                }
                try await KeepAliveConnection.with(port: port, trusting: renewed.authority.certificatePEM) { fresh throws in
                    #expect(try await fresh("/metrics", bob) == 200)
                }
                #expect(try await get("/metrics", bob) == 200)
            }
        }
    }

    @Test("a broken file at reload keeps the previous configuration and names the key")
    func brokenReloadKeepsOld() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(users: ["alice": WebFixture.aliceHash])
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { security, port in
            try fixture.writeConfig(users: ["alice": "not-a-hash"])
            do {
                try security.reload()
                Issue.record("a broken file was accepted")
            } catch let error as ConfigError {
                #expect(error.problems.map(\.key) == ["basic_auth_users.alice"])
                #expect(error.problems.first?.line == 6)
            }
            try fixture.directory.write("tls/server.key", "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n")
            try fixture.writeConfig(users: ["bob": WebFixture.bobHash])
            #expect(throws: ConfigError.self) { try security.reload() }
            try fixture.directory.write("web.yml", "tls_server_config: [")
            #expect(throws: ConfigError.self) { try security.reload() }

            // Still the first configuration: alice, over the first certificate.
            #expect(security.current.configuration.users.map(\.name) == ["alice"])
            try await fixture.httpClient().using { client throws in
                let url = "https://127.0.0.1:\(port)/metrics"
                #expect(try await client.get(url, user: "alice", password: WebFixture.alicePassword).status == 200)
                #expect(try await client.get(url, user: "bob", password: WebFixture.bobPassword).status == 401)
            }
        }
    }

    @Test("switching between TLS and plain HTTP at reload is refused")
    func noSwitchAtReload() throws {
        let fixture = try WebFixture()
        try fixture.writeConfig()
        let security = try ReloadableWebSecurity(file: fixture.configFile)
        try fixture.writeConfig(tls: false, users: ["alice": WebFixture.aliceHash])
        do {
            try security.reload()
            Issue.record("removing TLS was accepted")
        } catch {
            #expect(error.problems.first?.key == "tls_server_config")
            #expect(error.description.contains("removing TLS needs a restart"))
        }
        #expect(security.current.servesTLS)
        #expect(security.current.users.isEmpty)

        try fixture.writeConfig(tls: false)
        let plain = try ReloadableWebSecurity(file: fixture.configFile)
        try fixture.writeConfig()
        #expect(throws: ConfigError.self) { try plain.reload() }
        #expect(!plain.current.servesTLS)
    }

    @Test("the reloader notices a changed file (or certificate) by itself, and survives a broken one")
    func reloaderPolls() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(users: ["alice": WebFixture.aliceHash])
        let security = try ReloadableWebSecurity(file: fixture.configFile)
        let reloader = await WebConfigReloader(
            security: security, pollInterval: .milliseconds(20), trapsSIGHUP: false, logger: Harness.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await reloader.run() }
            try fixture.writeConfig(users: ["alice": "broken"])
            try fixture.writeConfig(users: ["bob": WebFixture.bobHash])
            #expect(try await Self.eventually { security.current.users.keys.sorted() == ["bob"] })

            try fixture.writeConfig(users: ["carol": "broken"])
            // Give the broken file a few polls; it must not replace bob.
            let attempts = ContinuousClock.now + .milliseconds(200)
            while ContinuousClock.now < attempts { try await Task.sleep(for: .milliseconds(20)) }
            #expect(security.current.users.keys.sorted() == ["bob"])

            let renewed = try TestCertificates.authorityAndLeaf(authorityName: "Renewed CA")
            try fixture.writeConfig(users: ["bob": WebFixture.bobHash])
            try fixture.directory.write("tls/server.key", renewed.leaf.privateKeyPEM)
            try fixture.directory.write("tls/server.crt", renewed.leaf.certificatePEM)
            let before = security.current.tls?.context
            #expect(try await Self.eventually { security.current.tls?.context !== before })
            group.cancelAll()
        }
    }
}
