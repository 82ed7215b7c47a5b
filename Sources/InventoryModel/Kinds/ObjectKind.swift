/// The two kinds of Plesk object the exporter tracks.
public enum ObjectKind: String, Sendable, Hashable, CaseIterable, Codable {
    case domain
    case client
}
