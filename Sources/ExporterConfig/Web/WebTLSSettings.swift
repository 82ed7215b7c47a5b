/// `tls_server_config` of the web configuration.
public struct WebTLSSettings: Sendable, Hashable {
    /// PEM certificate, optionally followed by its chain.
    public var certFile: ConfigFileReference
    /// PEM private key of the certificate.
    public var keyFile: ConfigFileReference
    public var clientAuth: ClientAuthType
    /// PEM CA certificate(s) that client certificates must chain to.
    public var clientCAFile: ConfigFileReference?
    /// Default TLS 1.2, as in exporter-toolkit.
    public var minVersion: TLSProtocolVersion
    /// Nil allows the newest the server supports (TLS 1.3).
    public var maxVersion: TLSProtocolVersion?

    public init(
        certFile: ConfigFileReference, keyFile: ConfigFileReference, clientAuth: ClientAuthType = .noClientCert,
        clientCAFile: ConfigFileReference? = nil, minVersion: TLSProtocolVersion = .tls12,
        maxVersion: TLSProtocolVersion? = nil
    ) {
        self.certFile = certFile
        self.keyFile = keyFile
        self.clientAuth = clientAuth
        self.clientCAFile = clientCAFile
        self.minVersion = minVersion
        self.maxVersion = maxVersion
    }
}

/// `client_auth_type`, with Go's `crypto/tls` names that exporter-toolkit uses.
public enum ClientAuthType: String, Sendable, Hashable, CaseIterable {
    /// No client certificate is asked for.
    case noClientCert = "NoClientCert"
    /// Asked for, not required, not verified.
    case requestClientCert = "RequestClientCert"
    /// Required, not verified.
    case requireAnyClientCert = "RequireAnyClientCert"
    /// Not required; verified against `client_ca_file` when given.
    case verifyClientCertIfGiven = "VerifyClientCertIfGiven"
    /// Required and verified against `client_ca_file`.
    case requireAndVerifyClientCert = "RequireAndVerifyClientCert"

    /// Whether a client without a certificate is turned away.
    public var requiresCertificate: Bool {
        self == .requireAnyClientCert || self == .requireAndVerifyClientCert
    }

    /// Whether a presented certificate must chain to `client_ca_file` (which is then required).
    public var verifiesCertificate: Bool {
        self == .verifyClientCertIfGiven || self == .requireAndVerifyClientCert
    }
}

/// `min_version` / `max_version`: TLS10 … TLS13.
public enum TLSProtocolVersion: String, Sendable, Hashable, CaseIterable, Comparable {
    case tls10 = "TLS10"
    case tls11 = "TLS11"
    case tls12 = "TLS12"
    case tls13 = "TLS13"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
