/// Parses the bytes of one element (a `result`, or the `system` element) into an ``XMLTreeElement``, checking that
/// they are well-formed UTF-8 XML.
///
/// Written here rather than taken from Foundation's `XMLParser`: that one links libxml2 and ICU into the binary, which
/// the statically linked runtime image does not carry, and it costs about 100 µs a result (this parser: a few µs).
/// It reads what the XML API sends: elements, attributes (skipped), text with the predefined and numeric character
/// references, CDATA, comments and processing instructions (skipped). A DOCTYPE, and so any entity of its own, is
/// refused.
enum XMLTreeParser {
    /// Why the bytes are not one well-formed element; names no values.
    struct Malformed: Error, Sendable, Hashable {
        var detail: String
    }

    private static let maxDepth = 256

    /// An element being read: where its name lies in the bytes, its text so far, its finished children.
    private struct Frame {
        var name: Range<Int>
        /// The text while it is one run of the bytes (the usual case: no reference, no CDATA, no comment inside).
        var run: Range<Int>?
        /// The text otherwise, references resolved.
        var buffer: [UInt8]?
        var children: [XMLTreeElement] = []

        init(name: Range<Int>) {
            self.name = name
        }

        mutating func append(run range: Range<Int>, of bytes: UnsafeRawBufferPointer) {
            if buffer != nil {
                buffer!.append(contentsOf: bytes[range])
            } else if let run {
                buffer = Array(bytes[run]) + bytes[range]
                self.run = nil
            } else {
                run = range
            }
        }

        mutating func append(resolved utf8: String.UTF8View, of bytes: UnsafeRawBufferPointer) {
            if buffer == nil {
                buffer = run.map { Array(bytes[$0]) } ?? []
                run = nil
            }
            buffer!.append(contentsOf: utf8)
        }
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> XMLTreeElement {
        var cursor = Cursor(bytes: bytes)
        var stack: [Frame] = []
        var root: XMLTreeElement?
        while !cursor.atEnd {
            if cursor.peek != UInt8(ascii: "<") {
                if stack.isEmpty {
                    guard cursor.peek.map(XMLPacketScanner.isWhitespace) == true else {
                        throw Malformed(detail: "text outside the element")
                    }
                    cursor.index += 1
                    continue
                }
                try readText(&cursor, into: &stack[stack.count - 1])
                continue
            }
            cursor.index += 1
            switch cursor.peek {
            case UInt8(ascii: "/"):
                cursor.index += 1
                let name = try cursor.name()
                cursor.skipWhitespace()
                try cursor.expect(UInt8(ascii: ">"), "an end tag")
                guard let frame = stack.popLast() else { throw Malformed(detail: "an end tag without a start tag") }
                guard cursor.slice(name).elementsEqual(cursor.slice(frame.name)) else {
                    throw Malformed(
                        detail: "the end tag of <\(XMLPacketError.shown(cursor.slice(frame.name)))> does not match it")
                }
                let element = try finish(frame, cursor)
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
            case UInt8(ascii: "!"):
                if cursor.consume("!--") {
                    try cursor.skip(past: "-->", "a comment")
                } else if cursor.consume("![CDATA[") {
                    guard !stack.isEmpty else { throw Malformed(detail: "CDATA outside the element") }
                    let start = cursor.index
                    try cursor.skip(past: "]]>", "a CDATA section")
                    stack[stack.count - 1].append(run: start..<cursor.index - 3, of: bytes)
                } else {
                    throw Malformed(detail: "a DOCTYPE or other declaration, which an XML API answer never has")
                }
            case UInt8(ascii: "?"):
                try cursor.skip(past: "?>", "a processing instruction")
            default:
                guard root == nil else { throw Malformed(detail: "a second element after the first") }
                guard stack.count < maxDepth else { throw Malformed(detail: "elements nested over \(maxDepth) deep") }
                let name = try cursor.name()
                let selfClosing = try skipAttributes(&cursor)
                let frame = Frame(name: name)
                if selfClosing {
                    let element = try finish(frame, cursor)
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                } else {
                    stack.append(frame)
                }
            }
        }
        guard stack.isEmpty, let root else { throw Malformed(detail: "the element does not end") }
        return root
    }

    /// Skips a start tag's attributes up to its `>` or `/>`; returns whether it was `/>`.
    private static func skipAttributes(_ cursor: inout Cursor) throws(Malformed) -> Bool {
        while true {
            let hadWhitespace = cursor.skipWhitespace()
            guard let byte = cursor.peek else { throw Malformed(detail: "a start tag does not end") }
            if byte == UInt8(ascii: ">") {
                cursor.index += 1
                return false
            }
            if byte == UInt8(ascii: "/") {
                cursor.index += 1
                try cursor.expect(UInt8(ascii: ">"), "a start tag")
                return true
            }
            guard hadWhitespace else { throw Malformed(detail: "a broken start tag") }
            _ = try cursor.name()
            cursor.skipWhitespace()
            try cursor.expect(UInt8(ascii: "="), "an attribute")
            cursor.skipWhitespace()
            guard let quote = cursor.peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw Malformed(detail: "an attribute value without quotes")
            }
            cursor.index += 1
            while true {
                guard let next = cursor.peek else { throw Malformed(detail: "an attribute value does not end") }
                cursor.index += 1
                if next == quote { break }
                if next == UInt8(ascii: "<") { throw Malformed(detail: "a '<' inside an attribute value") }
            }
        }
    }

    /// Reads text up to the next `<`, resolving character references.
    private static func readText(_ cursor: inout Cursor, into frame: inout Frame) throws(Malformed) {
        while let byte = cursor.peek, byte != UInt8(ascii: "<") {
            guard byte == UInt8(ascii: "&") else {
                let start = cursor.index
                while let next = cursor.peek, next != UInt8(ascii: "<"), next != UInt8(ascii: "&") { cursor.index += 1 }
                frame.append(run: start..<cursor.index, of: cursor.bytes)
                continue
            }
            cursor.index += 1
            let start = cursor.index
            while let next = cursor.peek, next != UInt8(ascii: ";"), cursor.index - start < 12 { cursor.index += 1 }
            guard cursor.peek == UInt8(ascii: ";") else { throw Malformed(detail: "a '&' that starts no reference") }
            let reference = cursor.slice(start..<cursor.index)
            cursor.index += 1
            guard let scalar = resolve(reference) else {
                throw Malformed(detail: "an unknown or invalid reference '&\(XMLPacketError.shown(reference));'")
            }
            frame.append(resolved: String(Character(scalar)).utf8, of: cursor.bytes)
        }
    }

    /// The character of `&name;` or `&#N;`/`&#xH;`, or nil.
    private static func resolve(_ reference: UnsafeRawBufferPointer) -> Unicode.Scalar? {
        switch Array(reference) {
        case Array("amp".utf8): return "&"
        case Array("lt".utf8): return "<"
        case Array("gt".utf8): return ">"
        case Array("quot".utf8): return "\""
        case Array("apos".utf8): return "'"
        default: break
        }
        guard reference.count > 1, reference[0] == UInt8(ascii: "#") else { return nil }
        let hex = reference[1] == UInt8(ascii: "x")
        let digits = String(decoding: reference.dropFirst(hex ? 2 : 1), as: UTF8.self)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }),
            let value = UInt32(digits, radix: hex ? 16 : 10), value != 0, let scalar = Unicode.Scalar(value)
        else { return nil }
        return scalar
    }

    private static func finish(_ frame: Frame, _ cursor: Cursor) throws(Malformed) -> XMLTreeElement {
        let text: String? =
            if let run = frame.run {
                String(validating: cursor.slice(run), as: UTF8.self)
            } else if let buffer = frame.buffer {
                String(validating: buffer, as: UTF8.self)
            } else {
                ""
            }
        guard let text else {
            throw Malformed(detail: "text that is not UTF-8 in <\(XMLPacketError.shown(cursor.slice(frame.name)))>")
        }
        return XMLTreeElement(
            name: String(decoding: cursor.slice(frame.name), as: UTF8.self), text: text, children: frame.children)
    }

    /// A position in the bytes being parsed.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[range])
        }

        @discardableResult
        mutating func skipWhitespace() -> Bool {
            let start = index
            while let byte = peek, XMLPacketScanner.isWhitespace(byte) { index += 1 }
            return index > start
        }

        /// A name, up to whitespace or markup.
        mutating func name() throws(Malformed) -> Range<Int> {
            let start = index
            while let byte = peek, XMLPacketScanner.isNameByte(byte) { index += 1 }
            guard index > start else { throw Malformed(detail: "a tag without a name") }
            return start..<index
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(Malformed) {
            guard peek == byte else { throw Malformed(detail: "\(what) is broken") }
            index += 1
        }

        /// Consumes `text` when the bytes continue with it.
        mutating func consume(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// Moves past the next occurrence of `terminator`.
        mutating func skip(past terminator: StaticString, _ what: String) throws(Malformed) {
            let count = terminator.utf8CodeUnitCount
            while index + count <= bytes.count {
                if consume(terminator) { return }
                index += 1
            }
            throw Malformed(detail: "\(what) does not end")
        }
    }
}
