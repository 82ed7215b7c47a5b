import InventoryModel

/// An object key as the poller keeps it between polls: 17 bytes when it is a lowercase UUID (Plesk's guids), else
/// the text. 100,000 guids as strings would cost about 8 MiB of heap; as UUIDs they cost none.
enum CompactKey: Hashable, Sendable {
    case uuid(UInt64, UInt64)
    case text(String)

    init(_ key: String) {
        self = UUIDKey(key).map { .uuid($0.high, $0.low) } ?? .text(key)
    }

    var text: String {
        switch self {
        case .text(let text): return text
        case .uuid(let high, let low): return UUIDKey(high: high, low: low).text
        }
    }
}
