/// Why one kind of a complete poll could not be collected (the XML API failed or refused): the kind keeps its last
/// state, and the poll is still a success for the other kinds.
public struct KindFailure: Sendable, Hashable, Codable {
    /// The `reason` label (timeout, connect, tls, auth, http, decode, limit, refused, api, other).
    public var reason: String
    public var message: String

    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }
}
