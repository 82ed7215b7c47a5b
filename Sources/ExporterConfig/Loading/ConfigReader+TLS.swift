import PleskAPI
import Yams

extension ConfigReader {
    static let tlsKeys = ["insecure_skip_verify", "ca_file", "fingerprint_sha256"]

    func readTLS(_ target: ConfigMapping, isPlainHTTP: Bool) -> PleskTLSOptions {
        var settings = PleskTLSOptions()
        guard let tls = mapping(target["tls"]?.value, path: target.path("tls"), allowed: Self.tlsKeys) else {
            return settings
        }
        settings.insecureSkipVerify = bool(tls, "insecure_skip_verify") ?? false
        settings.caFile = pemFile(tls, "ca_file", marker: "-----BEGIN CERTIFICATE-----", what: "certificate")?.path
        if let text = scalar(tls, "fingerprint_sha256") {
            if let fingerprint = PleskTLSOptions.normalizeFingerprint(text.value) {
                settings.fingerprintSHA256 = fingerprint
            } else {
                problem("expected a SHA-256 fingerprint (32 bytes in hex, with or without colons), got \(text.quoted)",
                    key: tls.path("fingerprint_sha256"), at: text.mark)
            }
        }

        let hasCA = tls.contains("ca_file")
        let hasPin = tls.contains("fingerprint_sha256")
        if settings.insecureSkipVerify && (hasCA || hasPin) {
            problem("insecure_skip_verify: true contradicts \(hasCA ? "ca_file" : "fingerprint_sha256"); remove one of them",
                key: tls.path("insecure_skip_verify"), at: tls.mark("insecure_skip_verify"))
        }
        if hasCA && hasPin && !settings.insecureSkipVerify {
            warning("ca_file is not used: a pinned fingerprint_sha256 replaces CA verification",
                key: tls.path("ca_file"), at: tls.mark("ca_file"))
        }
        if settings.insecureSkipVerify && !hasCA && !hasPin {
            warning("certificate verification is disabled; consider fingerprint_sha256 to pin the certificate",
                key: tls.path("insecure_skip_verify"), at: tls.mark("insecure_skip_verify"))
        }
        if isPlainHTTP && !tls.entries.isEmpty {
            warning("has no effect: the target's url is plain http://", key: tls.path, at: tls.mark)
        }
        return settings
    }
}
