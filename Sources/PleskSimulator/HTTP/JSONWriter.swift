import NIOCore

/// A minimal JSON writer into a `ByteBuffer`: keys in Plesk's order, optional omission of one key
/// (for the `missingField` fault), and no intermediate objects, so 100,000 domains encode in one pass.
struct JSONWriter {
    var buffer: ByteBuffer
    /// A key never written (its value is skipped as well).
    let omitting: String?
    private var needsComma = false

    init(capacity: Int = 1024, omitting: String? = nil) {
        self.buffer = ByteBufferAllocator().buffer(capacity: capacity)
        self.omitting = omitting
    }

    mutating func beginArray() {
        self.separate()
        self.buffer.writeInteger(UInt8(ascii: "["))
        self.needsComma = false
    }

    mutating func endArray() {
        self.buffer.writeInteger(UInt8(ascii: "]"))
        self.needsComma = true
    }

    mutating func beginObject() {
        self.separate()
        self.buffer.writeInteger(UInt8(ascii: "{"))
        self.needsComma = false
    }

    mutating func endObject() {
        self.buffer.writeInteger(UInt8(ascii: "}"))
        self.needsComma = true
    }

    /// Writes `"key":` and returns true, or returns false when the key is the omitted one.
    mutating func key(_ key: StaticString) -> Bool {
        if let omitting, key.description == omitting { return false }
        self.separate()
        self.buffer.writeInteger(UInt8(ascii: "\""))
        self.buffer.writeStaticString(key)
        self.buffer.writeStaticString("\":")
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
        self.buffer.writeInteger(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var plain = true
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                plain = false
                break
            }
            if plain {
                self.buffer.writeBytes(bytes)
            } else {
                self.writeEscaped(bytes)
            }
        }
        self.buffer.writeInteger(UInt8(ascii: "\""))
        self.needsComma = true
    }

    mutating func integer(_ value: Int) {
        self.separate()
        self.buffer.writeString(String(value))
        self.needsComma = true
    }

    mutating func boolean(_ value: Bool) {
        self.separate()
        self.buffer.writeStaticString(value ? "true" : "false")
        self.needsComma = true
    }

    private mutating func separate() {
        if self.needsComma {
            self.buffer.writeInteger(UInt8(ascii: ","))
            self.needsComma = false
        }
    }

    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): self.buffer.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): self.buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\n"): self.buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): self.buffer.writeStaticString("\\r")
            case UInt8(ascii: "\t"): self.buffer.writeStaticString("\\t")
            case 0..<0x20:
                self.buffer.writeStaticString("\\u00")
                self.buffer.writeInteger(hex[Int(byte >> 4)])
                self.buffer.writeInteger(hex[Int(byte & 0xF)])
            default:
                self.buffer.writeInteger(byte)
            }
        }
    }
}
