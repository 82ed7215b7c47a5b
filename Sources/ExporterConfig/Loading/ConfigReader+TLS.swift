import Yams

extension ConfigReader {
    static let tlsKeys = ["insecure_skip_verify", "ca_file", "fingerprint_sha256"]

    func readTLS(_ target: ConfigMapping, isPlainHTTP: Bool) -> TLSSettings {
        var settings = TLSSettings()
        guard let tls = mapping(target["tls"]?.value, path: target.path("tls"), allowed: Self.tlsKeys) else {
            return settings
        }
        settings.insecureSkipVerify = bool(tls, "insecure_skip_verify") ?? false
        settings.caFile = pemFile(tls, "ca_file", marker: "-----BEGIN CERTIFICATE-----", what: "certificate")?.path
        if let text = scalar(tls, "fingerprint_sha256") {
            if let fingerprint = Self.normalizedFingerprint(text.value) {
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

    /// Upper-case hex pairs joined by colons, or nil unless `text` is 32 bytes of hex, written either as 64
    /// digits or as 32 colon-separated pairs.
    static func normalizedFingerprint(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces).uppercased()
        let isHex: (Character) -> Bool = { $0.isHexDigit && $0.isASCII }
        let pairs: [String]
        if text.contains(":") {
            pairs = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard pairs.count == 32, pairs.allSatisfy({ $0.count == 2 && $0.allSatisfy(isHex) }) else { return nil }
        } else {
            guard text.count == 64, text.allSatisfy(isHex) else { return nil }
            let digits = Array(text)
            pairs = stride(from: 0, to: 64, by: 2).map { String(digits[$0..<$0 + 2]) }
        }
        return pairs.joined(separator: ":")
    }
}
