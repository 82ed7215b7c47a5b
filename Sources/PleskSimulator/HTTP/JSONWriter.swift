import NIOCore

/// A minimal JSON writer: keys in Plesk's order, optional omission of one key (for the `missingField`
/// fault), and no intermediate objects, so 100,000 domains encode in one pass.
///
/// It writes into a `[UInt8]` rather than a `ByteBuffer`: the standard library's array is optimised even in
/// debug builds, which keeps encoding a large inventory fast in tests.
struct JSONWriter {
    private(set) var bytes: [UInt8]
    /// A key never written (its value is skipped as well).
    let omitting: String?
    private var needsComma = false

    init(capacity: Int = 1024, omitting: String? = nil) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
        self.omitting = omitting
    }

    var buffer: ByteBuffer {
        ByteBuffer(bytes: self.bytes)
    }

    mutating func beginArray() {
        self.separate()
        self.bytes.append(UInt8(ascii: "["))
        self.needsComma = false
    }

    mutating func endArray() {
        self.bytes.append(UInt8(ascii: "]"))
        self.needsComma = true
    }

    mutating func beginObject() {
        self.separate()
        self.bytes.append(UInt8(ascii: "{"))
        self.needsComma = false
    }

    mutating func endObject() {
        self.bytes.append(UInt8(ascii: "}"))
        self.needsComma = true
    }

    /// Writes `"key":` and returns true, or returns false when the key is the omitted one.
    mutating func key(_ key: StaticString) -> Bool {
        if let omitting, key.description == omitting { return false }
        self.separate()
        self.bytes.append(UInt8(ascii: "\""))
        self.bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        self.bytes.append(UInt8(ascii: "\""))
        self.bytes.append(UInt8(ascii: ":"))
        self.needsComma = false
        return true
    }

    mutating func field(_ key: StaticString, _ value: String) {
        if self.key(key) { self.string(value) }
    }

    mutating func field(_ key: StaticString, _ value: Int) {
        if self.key(key) { self.integer(value) }
    }

    mutating func field(_ key: StaticString, _ value: Bool) {
        if self.key(key) { self.boolean(value) }
    }

    mutating func string(_ value: String) {
        self.separate()
        self.bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var plain = true
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                plain = false
                break
            }
            if plain {
                self.bytes.append(contentsOf: utf8)
            } else {
                self.writeEscaped(utf8)
            }
        }
        self.bytes.append(UInt8(ascii: "\""))
        self.needsComma = true
    }

    mutating func integer(_ value: Int) {
        self.separate()
        self.bytes.append(contentsOf: String(value).utf8)
        self.needsComma = true
    }

    mutating func boolean(_ value: Bool) {
        self.separate()
        let literal: StaticString = value ? "true" : "false"
        self.bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        self.needsComma = true
    }

    private mutating func separate() {
        if self.needsComma {
            self.bytes.append(UInt8(ascii: ","))
            self.needsComma = false
        }
    }

    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                self.bytes.append(contentsOf: Array("\\u00".utf8))
                self.bytes.append(hex[Int(byte >> 4)])
                self.bytes.append(hex[Int(byte & 0xF)])
            default:
                self.bytes.append(byte)
            }
        }
    }
}
