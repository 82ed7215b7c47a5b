/// Why `hash-password` cannot make a hash. Messages never contain the password.
public struct PasswordError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case noInput
        case empty
        case tooLong
        case containsNUL
        case mismatch
        case invalidCost
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
