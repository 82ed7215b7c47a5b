/// An object key as the poller keeps it between polls: 17 bytes when it is a lowercase UUID (Plesk's guids), else
/// the text. 100,000 guids as strings would cost about 8 MiB of heap; as UUIDs they cost none.
enum CompactKey: Hashable, Sendable {
    case uuid(UInt64, UInt64)
    case text(String)

    init(_ key: String) {
        self = Self.uuid(key) ?? .text(key)
    }

    var text: String {
        switch self {
        case .text(let text): return text
        case .uuid(let high, let low):
            let hex = Self.hex(high, digits: 16) + Self.hex(low, digits: 16)
            var result = ""
            result.reserveCapacity(36)
            for (offset, character) in hex.enumerated() {
                if offset == 8 || offset == 12 || offset == 16 || offset == 20 { result.append("-") }
                result.append(character)
            }
            return result
        }
    }

    /// Only the exact lowercase form, so that ``text`` gives back the key it was made from.
    private static func uuid(_ key: String) -> CompactKey? {
        let bytes = Array(key.utf8)
        guard bytes.count == 36 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        var digits = 0
        for (offset, byte) in bytes.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            if digits < 16 { words.0 = words.0 << 4 | UInt64(value) } else { words.1 = words.1 << 4 | UInt64(value) }
            digits += 1
        }
        return .uuid(words.0, words.1)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: digits - text.count) + text
    }
}
