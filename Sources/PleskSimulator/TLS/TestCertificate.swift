import Crypto
import NIOSSL

/// A PEM certificate (optionally followed by its chain) with its private key, and the SHA-256 fingerprint
/// of the leaf's DER in the form `AB:CD:…` that the exporter's `fingerprint_sha256` setting takes.
public struct TestCertificate: Sendable, Hashable {
    /// The leaf first, then any chain certificates.
    public let certificatePEM: String
    public let privateKeyPEM: String
    /// DER of the leaf.
    public let derBytes: [UInt8]
    /// Upper-case, colon-separated hex of SHA-256 over ``derBytes``.
    public let sha256Fingerprint: String

    /// Wraps an existing PEM pair; the first certificate in `certificatePEM` is the leaf.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8))
            _ = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        } catch {
            throw SimulatorError(.invalidCertificate, "cannot read the PEM certificate or key: \(error)")
        }
        guard let leaf = certificates.first else {
            throw SimulatorError(.invalidCertificate, "the PEM text holds no certificate")
        }
        let der = try leaf.toDERBytes()
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.derBytes = der
        self.sha256Fingerprint = TestCertificates.sha256Fingerprint(ofDER: der)
    }

    init(certificatePEM: String, privateKeyPEM: String, derBytes: [UInt8]) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.derBytes = derBytes
        self.sha256Fingerprint = TestCertificates.sha256Fingerprint(ofDER: derBytes)
    }

    /// A server TLS configuration presenting this certificate (chain) and key.
    func serverTLSConfiguration() throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(self.certificatePEM.utf8))
            let key = try NIOSSLPrivateKey(bytes: Array(self.privateKeyPEM.utf8), format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) },
                privateKey: .privateKey(key)
            )
            configuration.minimumTLSVersion = .tlsv12
            return configuration
        } catch {
            throw SimulatorError(.invalidCertificate, "cannot load the certificate: \(error)")
        }
    }
}
