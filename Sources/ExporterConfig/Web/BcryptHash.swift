/// The modular-crypt form of a bcrypt hash: `$2b$10$` + 22 characters of salt + 31 of hash.
enum BcryptHash {
    static let alphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `$2a$`, `$2b$` or `$2y$` (PHP's and htpasswd's name for `$2b$`), a cost of 04…31, and 53 characters of
    /// bcrypt's base64. `$2x$` (the old buggy variant) is not accepted.
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "2"),
            [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")].contains(bytes[2]),
            bytes[3] == UInt8(ascii: "$"), bytes[6] == UInt8(ascii: "$"),
            let cost = Int(String(decoding: bytes[4..<6], as: UTF8.self)), (4...31).contains(cost)
        else { return false }
        return bytes[7...].allSatisfy(alphabet.contains)
    }
}
