/// What happened to an object between two complete polls.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable, Codable {
    case added
    case removed
    case modified
}
