/// Splits a JSON array of objects into its objects as the bytes arrive, without decoding them.
///
/// It checks the array's own syntax (brackets, commas, whitespace) and finds each object's end by tracking strings,
/// escapes and nesting; what is inside an object is left to the decoder. Only an object that spans two chunks is
/// copied; the body as a whole is never held.
struct JSONArrayStreamScanner {
    /// The bytes are not one JSON array of objects (or not all of it arrived).
    struct Malformed: Error {}

    private enum Phase {
        case start, firstElementOrEnd, element, inObject, afterElement, done
    }

    private var phase = Phase.start
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// The start of an object begun in an earlier chunk.
    private var partial: [UInt8] = []

    /// Scans the next chunk, calling `object` with the bytes of every object that ends in it.
    /// - Parameter known: asked with the rest of the chunk wherever an element starts (at its `{`): the length of
    ///   an object known to start there, which is then stepped over without being read or reported, or nil. It
    ///   must answer a length only for the exact bytes of a whole object read before (``ListMatcher``
    ///   checks them by their fingerprint).
    mutating func feed(
        _ chunk: UnsafeRawBufferPointer, known: (UnsafeRawBufferPointer) -> Int? = { _ in nil },
        object: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var objectStart = 0
        var index = 0
        let count = chunk.count
        while index < count {
            let byte = chunk[index]
            switch phase {
            case .inObject:
                if inString {
                    if escaped {
                        escaped = false
                    } else {
                        // Most of an object's bytes are inside strings: run to the next quote or backslash in a
                        // loop of its own, not once round the state machine per byte.
                        var next = index
                        while next < count, chunk[next] != UInt8(ascii: "\""), chunk[next] != UInt8(ascii: "\\") {
                            next += 1
                        }
                        if next == count {
                            index = count - 1  // the rest of the chunk is inside the string
                        } else {
                            if chunk[next] == UInt8(ascii: "\\") { escaped = true } else { inString = false }
                            index = next
                        }
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""):
                        inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            guard byte == UInt8(ascii: "}") else { throw Malformed() }
                            let bytes = UnsafeRawBufferPointer(rebasing: chunk[objectStart...index])
                            if partial.isEmpty {
                                try object(bytes)
                            } else {
                                partial.append(contentsOf: bytes)
                                try partial.withUnsafeBytes { try object($0) }
                                partial.removeAll(keepingCapacity: true)
                            }
                            phase = .afterElement
                        }
                    default:
                        break
                    }
                }
            case _ where Self.isWhitespace(byte):
                break
            case .start:
                guard byte == UInt8(ascii: "[") else { throw Malformed() }
                phase = .firstElementOrEnd
            case .firstElementOrEnd where byte == UInt8(ascii: "]"), .afterElement where byte == UInt8(ascii: "]"):
                phase = .done
            case .firstElementOrEnd, .element:
                guard byte == UInt8(ascii: "{") else { throw Malformed() }
                if let length = known(UnsafeRawBufferPointer(rebasing: chunk[index...])) {
                    // An object read before, byte for byte: the scanner is where its closing brace leaves it.
                    phase = .afterElement
                    index += length
                    continue
                }
                objectStart = index
                depth = 1
                phase = .inObject
            case .afterElement:
                guard byte == UInt8(ascii: ",") else { throw Malformed() }
                phase = .element
            case .done:
                throw Malformed()
            }
            index += 1
        }
        if phase == .inObject {
            partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[objectStart...]))
        }
    }

    /// Checks that the array ended.
    func finish() throws {
        guard phase == .done else { throw Malformed() }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
