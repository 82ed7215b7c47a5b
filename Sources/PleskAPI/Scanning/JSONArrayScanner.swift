/// Splits a JSON array of objects into the byte ranges of its elements without decoding them.
///
/// It checks the array's own syntax (brackets, commas, whitespace) and finds each element's end by tracking
/// strings, escapes and nesting; what is inside an element is left to the decoder. Anything else (a top-level
/// object, a scalar element, bytes after the array) yields nil and the caller decodes the body the usual way.
enum JSONArrayScanner {
    static func objectRanges(in bytes: UnsafeRawBufferPointer) -> [Range<Int>]? {
        let count = bytes.count
        var index = 0
        func skipWhitespace() {
            while index < count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }
        skipWhitespace()
        guard index < count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        skipWhitespace()
        var ranges: [Range<Int>] = []
        if index < count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            skipWhitespace()
            return index == count ? ranges : nil
        }
        while true {
            guard index < count, bytes[index] == UInt8(ascii: "{") else { return nil }
            let start = index
            guard let end = objectEnd(bytes, from: index) else { return nil }
            index = end
            ranges.append(start..<end)
            skipWhitespace()
            guard index < count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                skipWhitespace()
                return index == count ? ranges : nil
            default:
                return nil
            }
        }
    }

    /// The index after the `}` that closes the object starting at `start`, or nil when the bytes end first.
    private static func objectEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let count = bytes.count
        var index = start
        var depth = 0
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < count else { return nil }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return bytes[index] == UInt8(ascii: "}") ? index + 1 : nil }
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
