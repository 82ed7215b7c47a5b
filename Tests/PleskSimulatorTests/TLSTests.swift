import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing
import TestSupport

@Suite struct TLSTests {
    @Test func fingerprintFormatAndKnownAnswer() throws {
        #expect(
            TestCertificates.sha256Fingerprint(ofDER: Array("abc".utf8))
                == "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD")
        let certificate = try TestCertificates.selfSigned()
        #expect(certificate.sha256Fingerprint.wholeMatch(of: /([0-9A-F]{2}:){31}[0-9A-F]{2}/) != nil)
        #expect(certificate.sha256Fingerprint == TestCertificates.sha256Fingerprint(ofDER: certificate.derBytes))
        // The DER is the PEM's payload, and re-reading the PEM gives the same fingerprint.
        let base64 = certificate.certificatePEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(Data(base64Encoded: base64).map(Array.init) == certificate.derBytes)
        let reread = try TestCertificate(certificatePEM: certificate.certificatePEM, privateKeyPEM: certificate.privateKeyPEM)
        #expect(reread.sha256Fingerprint == certificate.sha256Fingerprint)
        #expect(throws: SimulatorError.self) { try TestCertificate(certificatePEM: "nope", privateKeyPEM: "nope") }
    }

    @Test func servedCertificateIsTheExposedOne() async throws {
        try await SimulatedPlesk.withRunning { plesk throws in
            #expect(plesk.url.hasPrefix("https://127.0.0.1:"))
            let certificate = try #require(plesk.certificate)
            #expect(plesk.certificateFingerprint == certificate.sha256Fingerprint)
            // Trusting only the exposed certificate, with full verification (hostname = 127.0.0.1 SAN).
            let status = try await Self.status(of: plesk, trusting: certificate.certificatePEM)
            #expect(status == 200)
            // A different certificate is not trusted.
            let other = try TestCertificates.selfSigned()
            await #expect(throws: (any Error).self) { _ = try await Self.status(of: plesk, trusting: other.certificatePEM) }
        }
    }

    @Test func certificateSignedByTestAuthority() async throws {
        let pair = try TestCertificates.authorityAndLeaf()
        let configuration = SimulatedPlesk.Configuration(tls: .certificate(pair.leaf))
        try await SimulatedPlesk.withRunning(configuration: configuration) { plesk throws in
            #expect(plesk.certificateFingerprint == pair.leaf.sha256Fingerprint)
            #expect(try await Self.status(of: plesk, trusting: pair.authority.certificatePEM) == 200)
            let stranger = try TestCertificates.authorityAndLeaf()
            await #expect(throws: (any Error).self) {
                _ = try await Self.status(of: plesk, trusting: stranger.authority.certificatePEM)
            }
        }
    }

    @Test func plainHTTP() async throws {
        try await withSimulator(.init(tls: .disabled)) { plesk, client throws in
            #expect(plesk.url.hasPrefix("http://127.0.0.1:"))
            #expect(plesk.certificate == nil && plesk.certificateFingerprint == nil)
            #expect(try await client.fetch(plesk, "/api/v2/server").status == 200)
        }
    }

    /// GET /api/v2/server with full verification against a CA file holding `pem`.
    static func status(of plesk: SimulatedPlesk, trusting pem: String) async throws -> Int {
        let directory = try TemporaryDirectory()
        let file = URL(fileURLWithPath: try directory.write("ca.pem", pem))

        var configuration = HTTPClient.Configuration(
            certificateVerification: .fullVerification, timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.tlsConfiguration?.trustRoots = .file(file.path)
        configuration.connectionPool.retryConnectionEstablishment = false
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client throws in
            var request = HTTPClientRequest(url: plesk.apiURL + "/server")
            request.headers.add(name: "X-API-Key", value: SimulatedPlesk.Configuration.defaultAPIKey)
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        }
    }
}
