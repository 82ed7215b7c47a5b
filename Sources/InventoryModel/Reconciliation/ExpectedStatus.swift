/// A subscription's state in billing, as a source states it.
public enum ExpectedStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case active
    case suspended
    case terminated

    /// The more alive of two rows for the same subscription wins (a new active service beside an old terminated one).
    public var liveliness: Int {
        switch self {
        case .active: 2
        case .suspended: 1
        case .terminated: 0
        }
    }
}
