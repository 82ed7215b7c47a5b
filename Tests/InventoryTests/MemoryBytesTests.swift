import Testing

@testable import Inventory

/// The binary form of the poller's kept memory: varints for integers, fixed width for hashes.
@Suite struct MemoryBytesTests {
    @Test func integersOfEveryMagnitudeAndSignRoundTrip() throws {
        let values = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 1 << 31, Int(Int32.max), Int.max, Int.min, Int.min + 1]
        var memory = MemoryBytes()
        for value in values { memory.write(value) }
        memory.write(UInt64.max)
        memory.write("münchen")
        var reading = MemoryBytes(reading: memory.bytes)
        for value in values { #expect(try reading.readInt() == value) }
        #expect(try reading.readUInt64() == .max)
        #expect(try reading.readString() == "münchen")
        #expect(reading.isAtEnd)
    }

    @Test func smallIntegersTakeOneByte() {
        var memory = MemoryBytes()
        for value in -64..<64 { memory.write(value) }
        #expect(memory.bytes.count == 128)
    }

    @Test func aCutVarintIsUnreadable() {
        var memory = MemoryBytes()
        memory.write(1 << 40)
        var reading = MemoryBytes(reading: Array(memory.bytes.dropLast()))
        #expect(throws: MemoryBytes.Unreadable.self) { try reading.readInt() }
    }
}
