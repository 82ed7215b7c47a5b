import AsyncHTTPClient
import ExporterConfig
import Foundation
import NIOSSL
import PleskSimulator
import TestSupport
import Testing

@testable import Exporter

/// The listener over real TLS on loopback, with each `client_auth_type` and the minimum version.
@Suite("--web.config.file: TLS")
struct WebTLSTests {
    @Test("TLS is served with the configured certificate; plain HTTP is not served on that port")
    func servesTLS() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig()
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { security, port in
            #expect(security.current.servesTLS)
            try await fixture.httpClient().using { client throws in
                let response = try await client.get("https://127.0.0.1:\(port)/healthz")
                #expect(response.status == 200)
                #expect(response.body == "ok\n")
                #expect(try await client.get("https://localhost:\(port)/api/v1/targets").status == 200)
            }
            // A client trusting another CA refuses the server's certificate.
            let other = try WebFixture()
            try await other.httpClient().using { client throws in
                await #expect(throws: (any Error).self) { _ = try await client.get("https://127.0.0.1:\(port)/healthz") }
            }
            try await HTTPClient(eventLoopGroupProvider: .singleton).using { client throws in
                await #expect(throws: (any Error).self) {
                    _ = try await client.get("http://127.0.0.1:\(port)/healthz")
                }
            }
        }
    }

    @Test("RequireAndVerifyClientCert: a certificate from client_ca_file passes; none, or another CA's, fails")
    func requireAndVerify() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(clientAuth: .requireAndVerifyClientCert)
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { _, port in
            let url = "https://127.0.0.1:\(port)/metrics"
            try await fixture.httpClient(certificate: fixture.client.leaf).using { client throws in
                #expect(try await client.get(url).status == 200)
            }
            try await fixture.httpClient().using { client throws in
                await #expect(throws: (any Error).self) { _ = try await client.get(url) }
            }
            try await fixture.httpClient(certificate: fixture.stranger.leaf).using { client throws in
                await #expect(throws: (any Error).self) { _ = try await client.get(url) }
            }
        }
    }

    @Test("VerifyClientCertIfGiven: no certificate passes, a trusted one passes, another CA's fails")
    func verifyIfGiven() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(clientAuth: .verifyClientCertIfGiven)
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { _, port in
            let url = "https://127.0.0.1:\(port)/healthz"
            try await fixture.httpClient().using { client throws in #expect(try await client.get(url).status == 200) }
            try await fixture.httpClient(certificate: fixture.client.leaf).using { client throws in
                #expect(try await client.get(url).status == 200)
            }
            try await fixture.httpClient(certificate: fixture.stranger.leaf).using { client throws in
                await #expect(throws: (any Error).self) { _ = try await client.get(url) }
            }
        }
    }

    @Test("RequireAnyClientCert: any certificate passes unverified, none fails")
    func requireAny() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(clientAuth: .requireAnyClientCert)
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { _, port in
            let url = "https://127.0.0.1:\(port)/healthz"
            try await fixture.httpClient(certificate: fixture.stranger.leaf).using { client throws in
                #expect(try await client.get(url).status == 200)
            }
            try await fixture.httpClient().using { client throws in
                await #expect(throws: (any Error).self) { _ = try await client.get(url) }
            }
        }
    }

    @Test("RequestClientCert: with or without a certificate, unverified")
    func request() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig(clientAuth: .requestClientCert)
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { _, port in
            let url = "https://127.0.0.1:\(port)/healthz"
            try await fixture.httpClient(certificate: fixture.stranger.leaf).using { client throws in
                #expect(try await client.get(url).status == 200)
            }
            try await fixture.httpClient().using { client throws in #expect(try await client.get(url).status == 200) }
        }
    }

    @Test("the default minimum is TLS 1.2: a TLS 1.1 client fails, a TLS 1.2 client passes; TLS13 raises it")
    func minimumVersion() async throws {
        let fixture = try WebFixture()
        try fixture.writeConfig()
        let harness = try await Harness()
        try await fixture.serve(harness: harness) { _, port in
            let url = "https://127.0.0.1:\(port)/healthz"
            try await fixture.httpClient(maximumVersion: .tlsv11).using { client throws in
                await #expect(throws: (any Error).self) { _ = try await client.get(url) }
            }
            try await fixture.httpClient(maximumVersion: .tlsv12).using { client throws in
                #expect(try await client.get(url).status == 200)
            }
        }
        try fixture.writeConfig(minVersion: "TLS13")
        try await fixture.serve(harness: harness) { _, port in
            let url = "https://127.0.0.1:\(port)/healthz"
            try await fixture.httpClient(maximumVersion: .tlsv12).using { client throws in
                await #expect(throws: (any Error).self) { _ = try await client.get(url) }
            }
            try await fixture.httpClient().using { client throws in #expect(try await client.get(url).status == 200) }
        }
    }

    @Test("a key that does not belong to the certificate, or an unparsable certificate, is refused at its line")
    func badCertificateOrKey() throws {
        let fixture = try WebFixture()
        try fixture.directory.write("tls/other.key", fixture.client.leaf.privateKeyPEM)
        try fixture.directory.write(
            "tls/broken.crt", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
        try fixture.directory.write(
            "web.yml", "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/other.key\n")
        do {
            _ = try WebSecurity.load(file: fixture.configFile)
            Issue.record("a mismatched key was accepted")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.key == "tls_server_config.key_file")
            #expect(error.problems.first?.line == 3)
            #expect(error.description.contains("does the key belong to the certificate?"))
            #expect(!error.description.contains("PRIVATE KEY"))
        }
        try fixture.directory.write(
            "web.yml", "tls_server_config:\n  cert_file: tls/broken.crt\n  key_file: tls/server.key\n")
        do {
            _ = try WebSecurity.load(file: fixture.configFile)
            Issue.record("an unparsable certificate was accepted")
        } catch {
            #expect(error.problems.first?.key == "tls_server_config.cert_file")
            #expect(error.problems.first?.line == 2)
            #expect(error.description.hasPrefix("\(fixture.configFile):2: tls_server_config.cert_file: "))
            #expect(error.description.contains("broken.crt"))
        }
    }

    @Test("runExporter refuses a bad web configuration before the store is opened")
    func runExporterRefuses() async throws {
        let fixture = try WebFixture()
        try fixture.directory.write("web.yml", "tls_server_config:\n  cert_file: tls/server.crt\n")
        do {
            try await runExporter(
                configuration: ExporterConfiguration(), storagePath: fixture.directory.file("exporter.db"),
                web: WebSettings(listenAddress: "127.0.0.1:0", webConfigFile: fixture.configFile),
                logger: Harness.logger)
            Issue.record("runExporter should have failed")
        } catch let error as ConfigError {
            #expect(error.problems.map(\.key) == ["tls_server_config.key_file"])
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.file("exporter.db")))
    }
}
