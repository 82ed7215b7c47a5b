import InventoryModel

/// An object key as the poller keeps it between polls: 17 bytes when it is a lowercase UUID (Plesk's guids), else
/// the text. 100,000 guids as strings would cost about 8 MiB of heap; as UUIDs they cost none.
enum CompactKey: Hashable, Sendable {
    case uuid(UUIDKey)
    case text(String)

    init(_ key: String) {
        self = UUIDKey(key).map(CompactKey.uuid) ?? .text(key)
    }

    var text: String {
        switch self {
        case .text(let text): return text
        case .uuid(let uuid): return uuid.text
        }
    }
}
