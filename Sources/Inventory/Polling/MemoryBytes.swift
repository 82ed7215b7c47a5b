/// Writes and reads the binary form of the poller's memory: hashes as 8 little-endian bytes, other integers as
/// zigzag LEB128 varints (ids, counts and lengths are small: 1–3 bytes instead of 8), text length-prefixed UTF-8.
struct MemoryBytes {
    private(set) var bytes: [UInt8]
    private var offset = 0

    /// Unreadable memory: the poller then takes the full path.
    struct Unreadable: Error {}

    init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(reading bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A zigzag varint: small magnitudes, negative or not, in few bytes.
    mutating func write(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func readUInt64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Unreadable() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }

    mutating func readInt() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Unreadable() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    mutating func readString() throws -> String {
        let count = try readInt()
        guard count >= 0, offset + count <= bytes.count else { throw Unreadable() }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    var isAtEnd: Bool { offset == bytes.count }
}
