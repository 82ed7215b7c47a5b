import Foundation

/// The user and password of an `Authorization: Basic …` header (RFC 7617).
struct BasicCredentials: Sendable {
    var user: String
    var password: String

    /// Nil unless the header is `Basic` followed by base64 of `user:password` in UTF-8.
    init?(authorization: String?) {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: parts[1].trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        user = String(text[..<colon])
        password = String(text[text.index(after: colon)...])
    }
}
