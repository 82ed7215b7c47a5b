/// Plesk's `ErrorResponse`: `code` may be a Plesk code (e.g. 1023), not the HTTP status.
public struct PleskErrorBody: Sendable, Hashable, Codable {
    public var code: Int?
    public var message: String?

    public init(code: Int?, message: String?) {
        self.code = code
        self.message = message
    }
}
