import NIOSSL

extension PleskTLSOptions {
    /// The client TLS configuration these options ask for, for HTTPS clients other than a target's (billing sources
    /// read over HTTPS take the same `tls:` block): CA file or system trust, verification off, or the pinned
    /// certificate — the server at `host`:`port` is probed once and its leaf becomes the only trust root.
    ///
    /// - Parameter name: what the connection is for, in errors (a source's name).
    /// - Throws: ``PleskAPIError`` (`tls` for a CA file that cannot be read or a pin that does not match, `connect`
    ///   when the probe cannot reach the server).
    public func clientConfiguration(host: String, port: Int, name: String) async throws -> TLSConfiguration {
        guard let pinned = fingerprintSHA256 else {
            return try PleskAPIClient.baseTLSConfiguration(self, targetName: name)
        }
        guard let pin = PleskTLSOptions.normalizeFingerprint(pinned) else {
            throw PleskAPIError(
                reason: .tls, target: name, endpoint: .server, detail: "fingerprint_sha256 is not 32 bytes of hex")
        }
        let leaf = try await CertificatePinProbe.leafCertificate(
            host: host, port: port, pin: pin, targetName: name, endpoint: .server)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.trustRoots = .certificates([leaf])
        tls.certificateVerification = .noHostnameVerification
        return tls
    }
}
