import AsyncHTTPClient
import ExporterConfig
import Foundation
import HummingbirdBcrypt
import Logging
import NIOCore
import NIOSSL
import PleskSimulator
import Synchronization
import TestSupport
import Testing
import X509

@testable import Exporter

/// Certificates and web configuration files in a fresh directory, and a live exporter serving with them on
/// 127.0.0.1:0.
final class WebFixture: Sendable {
    /// Bcrypt hashes at cost 4 (fast) of the test passwords, made once per process.
    static let alicePassword = "alice-password-1"
    static let bobPassword = "bob-password-2"
    static let aliceHash = Bcrypt.hash(alicePassword, cost: 4)
    static let bobHash = Bcrypt.hash(bobPassword, cost: 4)

    let directory: TemporaryDirectory
    /// The server certificate (for 127.0.0.1 and localhost) and the CA that signed it.
    let server: TestCertificates.SignedPair
    /// A client certificate and the CA that signed it (`client_ca_file`).
    let client: TestCertificates.SignedPair
    /// A client certificate from a CA the server does not trust.
    let stranger: TestCertificates.SignedPair
    let configFile: String

    init() throws {
        directory = try TemporaryDirectory()
        server = try TestCertificates.authorityAndLeaf(authorityName: "Server CA")
        client = try TestCertificates.authorityAndLeaf(
            authorityName: "Client CA", commonName: "prometheus", dnsNames: [], ipAddresses: [], usages: [.clientAuth])
        stranger = try TestCertificates.authorityAndLeaf(
            authorityName: "Stranger CA", commonName: "prometheus", dnsNames: [], ipAddresses: [], usages: [.clientAuth])
        try directory.write("tls/server.crt", server.leaf.certificatePEM)
        try directory.write("tls/server.key", server.leaf.privateKeyPEM)
        try directory.write("tls/server-ca.crt", server.authority.certificatePEM)
        try directory.write("tls/client-ca.crt", client.authority.certificatePEM)
        configFile = directory.file("web.yml")
    }

    /// Writes `web.yml`: TLS with the server certificate when `clientAuth` is given (a CA file is added for the
    /// verifying types), and `users` as `basic_auth_users`.
    func writeConfig(
        tls: Bool = true, clientAuth: ClientAuthType = .noClientCert, minVersion: String? = nil,
        users: [String: String] = [:], extra: String = ""
    ) throws {
        var yaml = ""
        if tls {
            yaml += "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n"
            yaml += "  client_auth_type: \(clientAuth.rawValue)\n"
            if clientAuth.verifiesCertificate { yaml += "  client_ca_file: tls/client-ca.crt\n" }
            if let minVersion { yaml += "  min_version: \(minVersion)\n" }
        }
        if !users.isEmpty {
            yaml += "basic_auth_users:\n"
            for (name, hash) in users.sorted(by: { $0.key < $1.key }) { yaml += "  \(name): \(hash)\n" }
        }
        try directory.write("web.yml", yaml + extra)
    }

    /// Runs the exporter's HTTP server (over a ``Harness``) with the web configuration in `web.yml`, then `body`
    /// with the bound port; the server stops when `body` returns.
    func serve<T: Sendable>(
        harness: Harness, verifier: any PasswordVerifier = BcryptPasswordVerifier(),
        _ body: @Sendable (ReloadableWebSecurity, Int) async throws -> T
    ) async throws -> T {
        let security = try ReloadableWebSecurity(file: configFile)
        var dependencies = harness.dependencies()
        dependencies.security = security
        dependencies.passwordVerifier = verifier
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = buildApplication(
            dependencies, address: try ListenAddress(parsing: "127.0.0.1:0"), logger: Harness.logger,
            onListening: { continuation.yield($0) })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await application.run()
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next(), "the server did not start")
            do {
                let result = try await body(security, port)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// A client trusting only the server's CA, with full verification (the certificate names 127.0.0.1), optionally
    /// presenting `certificate` and speaking at most `maximumVersion`.
    func httpClient(certificate: TestCertificate? = nil, maximumVersion: TLSVersion? = nil) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(server.authority.certificatePEM.utf8)))
        tls.certificateVerification = .fullVerification
        if let maximumVersion {
            tls.maximumTLSVersion = maximumVersion
            tls.minimumTLSVersion = .tlsv1
        }
        if let certificate {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.certificatePEM.utf8))
                .map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(certificate.privateKeyPEM.utf8), format: .pem))
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}

/// What a request got back.
struct WebResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String
}

extension HTTPClient {
    /// GET `url`, with basic auth when `user` is given; the body is read whole.
    func get(_ url: String, user: String? = nil, password: String = "") async throws -> WebResponse {
        var request = HTTPClientRequest(url: url)
        if let user {
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        }
        let response = try await execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 4 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return WebResponse(status: Int(response.status.code), headers: headers, body: String(buffer: body))
    }

    /// Runs `body` with the client, then shuts it down.
    func using<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            try await shutdown()
            return result
        } catch {
            try? await shutdown()
            throw error
        }
    }
}

/// A password verifier that counts its (uncached) checks.
final class CountingVerifier: PasswordVerifier {
    private let base = BcryptPasswordVerifier()
    private let counter = Mutex(0)

    var count: Int { counter.withLock { $0 } }

    func verify(password: String, hash: String) async -> Bool {
        counter.withLock { $0 += 1 }
        return await base.verify(password: password, hash: hash)
    }
}
