/// Writes and reads the binary form of the poller's memory: little-endian integers and length-prefixed UTF-8.
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

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

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

    mutating func readInt() throws -> Int { Int(Int64(bitPattern: try readUInt64())) }

    mutating func readString() throws -> String {
        let count = try readInt()
        guard count >= 0, offset + count <= bytes.count else { throw Unreadable() }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    var isAtEnd: Bool { offset == bytes.count }
}
