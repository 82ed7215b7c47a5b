import ExporterConfig
import NIOSSL

extension WebSecurity {
    /// Builds the TLS context of `tls_server_config`.
    ///
    /// `client_auth_type` follows Go's `crypto/tls` (which exporter-toolkit uses) on top of NIOSSL:
    ///
    /// | client_auth_type | NIOSSL `certificateVerification` | trust roots | custom callback |
    /// |---|---|---|---|
    /// | NoClientCert | `.none` (no certificate is requested) | — | — |
    /// | RequestClientCert | `.optionalVerification` (requested, not required) | — | accepts any |
    /// | RequireAnyClientCert | `.noHostnameVerification` (required) | — | accepts any |
    /// | VerifyClientCertIfGiven | `.optionalVerification` | `client_ca_file` only | — |
    /// | RequireAndVerifyClientCert | `.noHostnameVerification` | `client_ca_file` only | — |
    ///
    /// The trust roots are exactly `client_ca_file`, never the system store, so a certificate from a public CA is
    /// not a client certificate. BoringSSL refuses a missing certificate itself when one is required; the
    /// accept-any callback replaces only the chain check, as Go does not verify in those two modes. The CA names
    /// are sent to clients (like Go's `ClientCAs`) so that a client with several certificates can pick one.
    static func makeTLS(_ settings: WebTLSSettings) throws(ConfigError) -> TLSServerContext {
        func failure(_ file: ConfigFileReference, _ message: String) -> ConfigError {
            ConfigError(problems: [file.location.problem(message)])
        }
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(settings.certFile.path)
        } catch {
            throw failure(settings.certFile, "cannot load the certificate in \(settings.certFile.path): \(error)")
        }
        guard !chain.isEmpty else {
            throw failure(settings.certFile, "\(settings.certFile.path) contains no certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: settings.keyFile.path, format: .pem)
        } catch {
            throw failure(
                settings.keyFile,
                "cannot load the private key in \(settings.keyFile.path) (PEM, unencrypted): \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = settings.minVersion.nio
        configuration.maximumTLSVersion = settings.maxVersion?.nio

        var acceptsAny = false
        switch settings.clientAuth {
        case .noClientCert:
            configuration.certificateVerification = .none
        case .requestClientCert:
            configuration.certificateVerification = .optionalVerification
            acceptsAny = true
        case .requireAnyClientCert:
            configuration.certificateVerification = .noHostnameVerification
            acceptsAny = true
        case .verifyClientCertIfGiven:
            configuration.certificateVerification = .optionalVerification
        case .requireAndVerifyClientCert:
            configuration.certificateVerification = .noHostnameVerification
        }
        if let caFile = settings.clientCAFile {
            let authorities: [NIOSSLCertificate]
            do {
                authorities = try NIOSSLCertificate.fromPEMFile(caFile.path)
            } catch {
                throw failure(caFile, "cannot load the CA certificates in \(caFile.path): \(error)")
            }
            guard !authorities.isEmpty else { throw failure(caFile, "\(caFile.path) contains no certificate") }
            configuration.trustRoots = .certificates(authorities)
            configuration.sendCANameList = true
        } else {
            // Only the accept-any modes get here with verification on; keep BoringSSL from loading the system store.
            configuration.trustRoots = .certificates([])
        }

        do {
            return TLSServerContext(
                context: try NIOSSLContext(configuration: configuration), acceptsAnyClientCertificate: acceptsAny)
        } catch {
            // Most often a key that does not belong to the certificate.
            throw failure(
                settings.keyFile,
                "cannot use the key in \(settings.keyFile.path) with the certificate in \(settings.certFile.path) "
                    + "(does the key belong to the certificate?): \(error)")
        }
    }
}

extension TLSProtocolVersion {
    var nio: TLSVersion {
        switch self {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }
}
