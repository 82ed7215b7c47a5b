/// An object key that is a lowercase UUID (Plesk's guids) as its 128 bits: how the poller's memory and the database
/// keep such keys instead of 36 characters of text.
///
/// Only the exact lowercase form with dashes converts, so that ``text`` always gives back the key it was made from.
public struct UUIDKey: Hashable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The key's bits, or nil when the key is not a lowercase UUID.
    public init?(_ key: String) {
        var key = key
        let parsed = key.withUTF8 { Self.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// From the 16 big-endian bytes of ``bytes``; nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (offset, byte) in bytes.enumerated() {
            if offset < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    /// The 16 bytes, big-endian (they sort as the text does).
    public var bytes: [UInt8] {
        (0..<16).map { offset in
            UInt8(truncatingIfNeeded: (offset < 8 ? high : low) >> (UInt64(7 - offset % 8) * 8))
        }
    }

    /// The key as text: 8-4-4-4-12 lowercase hex digits.
    public var text: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var position = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = nibble < 16 ? high : low
                let value = Int(word >> (UInt64(15 - nibble % 16) * 4) & 0xF)
                buffer[position] = digits.utf8Start[value]
                position += 1
            }
            return position
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> UUIDKey? {
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
        return UUIDKey(high: words.0, low: words.1)
    }
}
