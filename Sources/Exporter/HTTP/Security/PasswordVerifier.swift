import HummingbirdBcrypt
import NIOPosix

/// Checks a password against a stored hash. The seam lets tests count the (expensive) checks.
public protocol PasswordVerifier: Sendable {
    func verify(password: String, hash: String) async -> Bool
}

/// bcrypt on NIO's blocking thread pool: one check costs 2^cost rounds (tens to hundreds of milliseconds), which
/// must not stall the cooperative pool that serves requests.
public struct BcryptPasswordVerifier: PasswordVerifier {
    public init() {}

    public func verify(password: String, hash: String) async -> Bool {
        // Bcrypt reads C strings: a NUL would cut the password short and let a prefix pass.
        guard !password.utf8.contains(0) else { return false }
        let hash = Self.normalized(hash)
        return (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
    }

    /// `$2y$` (htpasswd, PHP) is the same algorithm as `$2b$`, which is all the bcrypt implementation knows.
    static func normalized(_ hash: String) -> String {
        hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
    }
}
