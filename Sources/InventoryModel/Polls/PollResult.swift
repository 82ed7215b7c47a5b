/// Outcome of one poll of one target.
public enum PollResult: String, Sendable, Hashable, Codable {
    case success
    case failure
}
