/// What happened to a finding, as a webhook is told.
public enum FindingChange: String, Sendable, Hashable, CaseIterable, Codable {
    case opened
    case closed
}
