import Foundation

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

    /// The pin normalised to upper-case hex bytes separated by colons (`AB:CD:…`), or nil when it is not 32 bytes of
    /// hex written either as 64 digits or as 32 colon-separated pairs (surrounding blanks ignored).
    public static func normalizeFingerprint(_ text: String) -> String? {
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
