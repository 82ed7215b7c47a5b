import Foundation
import PleskSimulator
import Testing
import TestSupport

@testable import PleskAPI

/// Failure reasons decided by the errors' types (NIO, NIOSSL, AsyncHTTPClient), each produced for real. The other
/// reasons are produced in LiveFaultTests (timeout, http, decode, limit, connect), LiveTLSTests (tls) and
/// LiveAuthenticationTests (auth).
@Suite("Live: failure classification by type")
struct LiveClassificationTests {
    @Test("a certificate that does not name the host is tls")
    func hostnameMismatch() async throws {
        let pair = try TestCertificates.authorityAndLeaf(dnsNames: ["plesk.example"], ipAddresses: ["10.9.9.9"])
        let directory = try TemporaryDirectory()
        let caFile = try directory.write("ca.pem", pair.authority.certificatePEM)
        try await SimulatedPlesk.withRunning(configuration: .init(tls: .certificate(pair.leaf))) { plesk in
            try await LiveHarness.withClient(of: plesk, tls: .init(caFile: caFile)) { client in
                let error = await LiveHarness.expectFailure(.tls, on: .server) { try await client.server() }
                #expect(error?.detail.contains("does not name this host") == true, "\(String(describing: error))")
            }
            #expect(plesk.totalRequestCount == 0)
        }
    }

    @Test("https:// to a server that speaks plain HTTP is tls")
    func plainServerOnHTTPSURL() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            let url = plesk.url.replacingOccurrences(of: "http://", with: "https://")
            let target = try LiveHarness.target(url, tls: .init(insecureSkipVerify: true))
            try await LiveHarness.withClient(target) { client in
                let error = await LiveHarness.expectFailure(.tls, on: .domains) { try await client.domains() }
                #expect(error?.detail.contains("does not speak TLS") == true, "\(String(describing: error))")
            }
        }
    }

    @Test("a host name that does not resolve is connect")
    func unresolvableHost() async throws {
        // .invalid never resolves (RFC 6761), with or without a network.
        let target = try LiveHarness.target("https://plesk.no-such-host.invalid:8443", timeout: .seconds(30))
        try await LiveHarness.withClient(target) { client in
            let error = await LiveHarness.expectFailure(.connect, on: .server) { try await client.server() }
            #expect(error?.status == nil)
        }
    }

    @Test("a port that answers something other than HTTP is http", arguments: [false, true])
    func notHTTP(overTLS: Bool) async throws {
        let server = try NotHTTPServer()
        let scheme = overTLS ? "https" : "http"
        let target = try LiveHarness.target(
            "\(scheme)://127.0.0.1:\(server.port)", tls: .init(insecureSkipVerify: true), timeout: .seconds(30))
        try await LiveHarness.withClient(target) { client in
            // Over TLS the banner is not a TLS record: the handshake fails, which is what an operator must fix.
            let reason: PleskAPIError.Reason = overTLS ? .tls : .http
            let error = await LiveHarness.expectFailure(reason, on: .clients) { try await client.clients() }
            #expect(error?.status == nil)
        }
        withExtendedLifetime(server) {}
    }

    @Test("an error of a type nobody classified is other, and its text only goes into the detail")
    func unknownErrorIsOther() async throws {
        struct SurpriseError: Error, CustomStringConvertible {
            // Words the old text matching would have taken for TLS and connect failures.
            var description: String { "SSL certificate Connect Resolution failure" }
        }
        let target = try LiveHarness.target("https://127.0.0.1:1")
        try await LiveHarness.withClient(target) { client in
            let error = client.classify(SurpriseError(), endpoint: .domains)
            #expect(error.reason == .other)
            #expect(error.detail.contains("SSL certificate Connect Resolution failure"))
        }
    }
}
