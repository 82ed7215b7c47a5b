import Crypto
import Foundation
import Synchronization

/// Remembers successful checks, so that a scrape every 15 s costs one bcrypt per process and credentials, not one
/// per request.
///
/// The cache holds no password: its keys are HMAC-SHA-256 tags of user, password and hash under a random key made
/// at start and kept only in memory, so even a memory dump gives nothing to brute-force faster than bcrypt. The hash
/// is part of the tag, so a reloaded user table invalidates the old entries by itself. Failures are not cached:
/// every wrong guess costs a full bcrypt, which is the point of bcrypt. Bounded: the oldest entry goes first.
public final class CachingPasswordVerifier: Sendable {
    private let base: any PasswordVerifier
    /// The HMAC key's bytes (`SymmetricKey` is not `Sendable`).
    private let key: Data = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    private let capacity: Int
    private let verified = Mutex(Entries())

    private struct Entries {
        var tags: Set<Data> = []
        var order: [Data] = []
    }

    public init(base: any PasswordVerifier = BcryptPasswordVerifier(), capacity: Int = 256) {
        self.base = base
        self.capacity = max(1, capacity)
    }

    /// Whether `password` is the one `hash` was made from; `user` is part of the cache key.
    public func verify(user: String, password: String, hash: String) async -> Bool {
        let tag = tag(user: user, password: password, hash: hash)
        // A lookup by a MAC tag of the secret: its timing tells nothing about the password.
        if verified.withLock({ $0.tags.contains(tag) }) { return true }
        guard await base.verify(password: password, hash: hash) else { return false }
        verified.withLock { entries in
            guard entries.tags.insert(tag).inserted else { return }
            entries.order.append(tag)
            if entries.order.count > capacity {
                entries.tags.remove(entries.order.removeFirst())
            }
        }
        return true
    }

    /// A full check that is never cached nor remembered (the decoy check for unknown users).
    func verifyUncached(password: String, hash: String) async -> Bool {
        await base.verify(password: password, hash: hash)
    }

    private func tag(user: String, password: String, hash: String) -> Data {
        var message = Data()
        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        for field in [user, password, hash] {
            let bytes = Data(field.utf8)
            withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { message.append(contentsOf: $0) }
            message.append(bytes)
        }
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
