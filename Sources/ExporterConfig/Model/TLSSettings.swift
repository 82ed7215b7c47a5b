/// How a target's certificate is checked (`targets[].tls`). The default verifies against the system trust store.
public struct TLSSettings: Sendable, Hashable {
    /// Accept any certificate. Cannot be combined with `caFile` or `fingerprintSHA256`.
    public var insecureSkipVerify: Bool
    /// Absolute path of a PEM file with the CA(s) to trust instead of the system store.
    public var caFile: String?
    /// SHA-256 of the server's leaf certificate (DER), upper-case hex bytes separated by colons.
    /// Replaces CA verification: when both are set, `caFile` is unused (the loader warns).
    public var fingerprintSHA256: String?

    public init(insecureSkipVerify: Bool = false, caFile: String? = nil, fingerprintSHA256: String? = nil) {
        self.insecureSkipVerify = insecureSkipVerify
        self.caFile = caFile
        self.fingerprintSHA256 = fingerprintSHA256
    }
}
