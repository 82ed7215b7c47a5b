import HummingbirdBcrypt
import Testing

@testable import Exporter

@Suite("hash-password")
struct PasswordHasherTests {
    @Test("the hash verifies with Bcrypt.verify and has the requested cost")
    func hashVerifies() async throws {
        let hash = try PasswordHasher.hash("correct horse", cost: 4)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(hash.count == 60)
        #expect(Bcrypt.verify("correct horse", hash: hash))
        #expect(!Bcrypt.verify("correct horse!", hash: hash))
        #expect(try PasswordHasher.hash("correct horse", cost: 4) != hash, "salted")
    }

    @Test(
        "empty, too long and NUL-containing passwords and bad costs are refused",
        arguments: [
            ("", 4, PasswordError.Code.empty), (String(repeating: "x", count: 73), 4, .tooLong),
            ("a\u{0}b", 4, .containsNUL), ("fine", 3, .invalidCost), ("fine", 32, .invalidCost),
        ])
    func refused(password: String, cost: Int, code: PasswordError.Code) async {
        do {
            _ = try PasswordHasher.hash(password, cost: cost)
            Issue.record("expected \(code)")
        } catch {
            #expect(error.code == code)
            #expect(password.isEmpty || !error.description.contains(password))
        }
    }
}
