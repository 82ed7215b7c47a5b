import Foundation
import PleskAPI
import PleskSimulator
import Testing
import TestSupport

@Suite("Live: TLS verification modes")
struct LiveTLSTests {
    @Test("default verification rejects the self-signed certificate")
    func defaultVerificationRejectsSelfSigned() async throws {
        try await SimulatedPlesk.withRunning { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let error = await LiveHarness.expectFailure(.tls, on: .server) { try await client.server() }
                #expect(error?.status == nil)
            }
            // The handshake failed, so no request reached the API.
            #expect(plesk.totalRequestCount == 0)
        }
    }

    @Test("insecureSkipVerify accepts the self-signed certificate")
    func insecureSkipVerify() async throws {
        try await SimulatedPlesk.withRunning { plesk in
            try await LiveHarness.withClient(of: plesk, tls: .init(insecureSkipVerify: true)) { client in
                let server = try await client.server()
                #expect(server.hostname == "plesk.demo.example")
                let domains = try await client.domains()
                #expect(domains.count == plesk.inventory.domains.count)
            }
        }
    }

    @Test("caFile trusts a leaf signed by that CA")
    func caFile() async throws {
        let pair = try TestCertificates.authorityAndLeaf()
        let directory = try TemporaryDirectory()
        let caFile = try directory.write("ca.pem", pair.authority.certificatePEM)
        let configuration = SimulatedPlesk.Configuration(tls: .certificate(pair.leaf))
        try await SimulatedPlesk.withRunning(configuration: configuration) { plesk in
            try await LiveHarness.withClient(of: plesk, tls: .init(caFile: caFile)) { client in
                let server = try await client.server()
                #expect(server.guid == "7f1c2a9e-3b4d-4e5f-8a6b-0c1d2e3f4a5b")
            }
        }
    }

    @Test("caFile of an unrelated CA fails with tls")
    func caFileOfUnrelatedAuthority() async throws {
        let served = try TestCertificates.authorityAndLeaf()
        let unrelated = try TestCertificates.authorityAndLeaf(authorityName: "Some Other CA")
        let directory = try TemporaryDirectory()
        let caFile = try directory.write("other-ca.pem", unrelated.authority.certificatePEM)
        let configuration = SimulatedPlesk.Configuration(tls: .certificate(served.leaf))
        try await SimulatedPlesk.withRunning(configuration: configuration) { plesk in
            try await LiveHarness.withClient(of: plesk, tls: .init(caFile: caFile)) { client in
                let error = await LiveHarness.expectFailure(.tls, on: .clients) { try await client.clients() }
                #expect(error?.status == nil)
            }
            #expect(plesk.totalRequestCount == 0)
        }
    }

    @Test("a missing CA file fails with tls when the client is made")
    func missingCAFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString).pem").path
        let target = try LiveHarness.target("https://127.0.0.1:1", tls: .init(caFile: path))
        do {
            let client = try PleskAPIClient(target: target, logger: LiveHarness.logger)
            Issue.record("a client was made with a missing CA file")
            await client.shutdown()
        } catch let error as PleskAPIError {
            #expect(error.reason == .tls)
            #expect(error.detail.contains(path))
            LiveHarness.expectNoSecrets(in: error)
        }
    }

    @Test(
        "the right fingerprint pin works in any spelling",
        arguments: ["as served", "lower case", "no colons"])
    func fingerprintPin(spelling: String) async throws {
        try await SimulatedPlesk.withRunning { plesk in
            let served = try #require(plesk.certificateFingerprint)
            let pin: String
            switch spelling {
            case "lower case": pin = served.lowercased()
            case "no colons": pin = served.replacingOccurrences(of: ":", with: "")
            default: pin = served
            }
            try await LiveHarness.withClient(of: plesk, tls: .init(fingerprintSHA256: pin)) { client in
                let server = try await client.server()
                #expect(server.platform == "Unix")
                // Later requests reuse the pinned configuration.
                let status = try await client.domainStatus(domainID: 1)
                #expect(status.status == "active")
            }
            #expect(plesk.totalRequestCount == 2)
        }
    }

    /// AsyncHTTPClient has no per-connection verification hook, so the pinned certificate becomes the only trust
    /// root, which BoringSSL accepts only for a self-signed CA certificate. A matching pin of a CA-issued leaf must
    /// therefore fail with a message that says why and what to use instead.
    @Test("a matching pin of a CA-issued leaf fails with tls and explains the limit")
    func fingerprintPinOfIssuedLeaf() async throws {
        let pair = try TestCertificates.authorityAndLeaf()
        let configuration = SimulatedPlesk.Configuration(tls: .certificate(pair.leaf))
        try await SimulatedPlesk.withRunning(configuration: configuration) { plesk in
            let pin = try #require(plesk.certificateFingerprint)
            try await LiveHarness.withClient(of: plesk, tls: .init(fingerprintSHA256: pin)) { client in
                do {
                    _ = try await client.server()
                    Issue.record("expected a tls failure")
                } catch let error as PleskAPIError {
                    #expect(error.reason == .tls)
                    #expect(error.detail.contains("matches the pin"))
                    #expect(error.detail.contains("tls.ca_file"))
                    #expect(!error.detail.contains(".build/"))
                }
            }
        }
    }

    @Test("a wrong pin fails with tls and names both fingerprints")
    func wrongPin() async throws {
        let other = try TestCertificates.selfSigned()
        try await SimulatedPlesk.withRunning { plesk in
            let served = try #require(plesk.certificateFingerprint)
            try await LiveHarness.withClient(of: plesk, tls: .init(fingerprintSHA256: other.sha256Fingerprint.lowercased())) {
                client in
                let error = await LiveHarness.expectFailure(.tls, on: .domains) { try await client.domains() }
                #expect(error?.detail.contains(served) == true)
                #expect(error?.detail.contains(other.sha256Fingerprint) == true)
            }
            #expect(plesk.totalRequestCount == 0)
        }
    }

    @Test("a pin that is not 32 bytes of hex fails with tls")
    func malformedPin() async throws {
        try await SimulatedPlesk.withRunning { plesk in
            try await LiveHarness.withClient(of: plesk, tls: .init(fingerprintSHA256: "AB:CD")) { client in
                let error = await LiveHarness.expectFailure(.tls, on: .server) { try await client.server() }
                #expect(error?.detail.contains("fingerprint") == true)
            }
            #expect(plesk.totalRequestCount == 0)
        }
    }

    @Test("plain http:// works")
    func plainHTTP() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            #expect(plesk.url.hasPrefix("http://"))
            try await LiveHarness.withClient(of: plesk) { client in
                #expect(client.target.isPlainHTTP)
                let server = try await client.server()
                #expect(server.panelVersion == "18.0.76")
            }
        }
    }
}
