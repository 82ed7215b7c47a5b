/// How a target's certificate is checked. The default verifies against the system trust store.
public struct PleskTLSOptions: Sendable, Hashable {
    /// Accept any certificate (`curl -k`). Logged as a warning.
    public var insecureSkipVerify: Bool
    /// PEM file of the CA(s) to trust instead of the system store.
    public var caFile: String?
    /// SHA-256 of the leaf certificate's DER, colon-separated hex, any case. Replaces CA verification.
    public var fingerprintSHA256: String?

    public init(insecureSkipVerify: Bool = false, caFile: String? = nil, fingerprintSHA256: String? = nil) {
        self.insecureSkipVerify = insecureSkipVerify
        self.caFile = caFile
        self.fingerprintSHA256 = fingerprintSHA256
    }

    /// The pin normalised to upper-case hex bytes separated by colons, or nil when it is not 32 bytes of hex.
    public static func normalizeFingerprint(_ text: String) -> String? {
        let hex = text.filter { $0 != ":" && !$0.isWhitespace }.uppercased()
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        var pairs: [String] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            pairs.append(String(hex[index..<next]))
            index = next
        }
        return pairs.joined(separator: ":")
    }
}
