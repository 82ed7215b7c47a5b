import HummingbirdBcrypt

/// Makes the bcrypt hashes that `basic_auth_users` takes (`plesk_exporter hash-password`).
public enum PasswordHasher {
    /// bcrypt's range of costs (log2 of the rounds).
    public static let costs: ClosedRange<Int> = 4...31
    /// Go's `bcrypt.DefaultCost`, as in Prometheus' own docs. Checks are cached per credentials, so the cost is paid
    /// once per scraper, and by every wrong guess.
    public static let defaultCost = 10
    /// bcrypt ignores everything after the 72nd byte; a longer password would be silently shortened.
    public static let maximumBytes = 72

    /// The `$2b$` hash of `password` (for the `hash-password` command: it blocks the calling thread while it hashes).
    public static func hash(_ password: String, cost: Int = defaultCost) throws(PasswordError) -> String {
        guard costs.contains(cost) else {
            throw PasswordError(.invalidCost, "--cost \(cost): bcrypt takes a cost from 4 to 31")
        }
        guard !password.isEmpty else { throw PasswordError(.empty, "the password is empty") }
        guard password.utf8.count <= maximumBytes else {
            throw PasswordError(
                .tooLong, "the password is longer than \(maximumBytes) bytes, the most bcrypt takes into account")
        }
        guard !password.utf8.contains(0) else {
            throw PasswordError(.containsNUL, "the password contains a NUL character")
        }
        return Bcrypt.hash(password, cost: UInt8(cost))
    }
}
