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
            #expect(await eventually(within: .seconds(20)) { security.current.users.keys.sorted() == ["bob"] })

            try fixture.writeConfig(users: ["carol": "broken"])
            // The broken file is tried and refused; bob stays.
            #expect(await eventually(within: .seconds(20)) { security.lastReloadProblem?.contains("bcrypt") == true })
            #expect(security.current.users.keys.sorted() == ["bob"])

            // A renewed certificate alone (web.yml untouched since bob) is noticed by its own stamp.
            try fixture.writeConfig(users: ["bob": WebFixture.bobHash])
            #expect(await eventually(within: .seconds(20)) { security.lastReloadProblem == nil })
            let before = security.current.tls?.context
            let renewed = try TestCertificates.authorityAndLeaf(authorityName: "Renewed CA")
            try fixture.directory.write("tls/server.key", renewed.leaf.privateKeyPEM)
            try fixture.directory.write("tls/server.crt", renewed.leaf.certificatePEM)
            let certificate = fixture.directory.file("tls/server.crt")
            #expect(
                await eventually(within: .seconds(20)) {
                    security.current.tls?.context !== before
                        && security.current.fileStamps[certificate] == FileStamp(path: certificate)
                })
            group.cancelAll()
        }
    }

    @Test("a configuration naming a certificate before it exists is retried until the certificate arrives")
    func failedReloadIsRetried() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig()
        let security = try ReloadableWebSecurity(file: fixture.configFile)
        let reloader = await WebConfigReloader(
            security: security, pollInterval: .milliseconds(20), trapsSIGHUP: false, logger: Harness.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await reloader.run() }
            // The new names are in no stamp of the configuration in force: only a retry can see them arrive.
            try fixture.directory.write("web.yml", "tls_server_config:\n  cert_file: tls/new.crt\n  key_file: tls/new.key\n")
            #expect(await eventually(within: .seconds(20)) { security.lastReloadProblem?.contains("new.crt") == true })
            let fresh = try TestCertificates.authorityAndLeaf(authorityName: "New CA")
            try fixture.directory.write("tls/new.key", fresh.leaf.privateKeyPEM)
            try fixture.directory.write("tls/new.crt", fresh.leaf.certificatePEM)
            #expect(
                await eventually(within: .seconds(20)) {
                    security.current.configuration.tls?.certFile.path.hasSuffix("tls/new.crt") == true
                })
            #expect(security.lastReloadProblem == nil)
            group.cancelAll()
        }
    }
}
