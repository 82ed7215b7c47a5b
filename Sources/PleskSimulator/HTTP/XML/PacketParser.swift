/// A small, strict XML parser for request packets, so the simulator needs neither libxml2 nor FoundationXML.
///
/// It accepts what a well-formed packet can hold (declaration, comments, processing instructions, elements,
/// attributes, character and entity references, CDATA) and rejects what libxml would: mismatched or unclosed
/// tags, a second root, a stray `&` or `<`, unknown entities, invalid UTF-8, and DOCTYPE (Plesk refuses DTDs).
struct PacketParser {
    struct Failure: Error, Sendable {
        var line: Int
        var message: String
    }

    /// Deep enough for any packet; stops a hostile one from exhausting the stack.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    static func parse(_ bytes: [UInt8]) -> Result<PacketElement, Failure> {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(Failure(line: 1, message: "Input is not proper UTF-8, indicate encoding !"))
        }
        var parser = PacketParser(bytes: bytes)
        do {
            return .success(try parser.document())
        } catch {
            return .failure(error)
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is allowed before the declaration.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { self.position = 3 }
    }

    // MARK: Document

    private mutating func document() throws(Failure) -> PacketElement {
        if self.lookingAt("<?xml") { try self.skipProcessingInstruction() }
        try self.skipMisc()
        guard self.position < self.bytes.count else { throw self.failure("Document is empty") }
        if self.lookingAt("<!DOCTYPE") { throw self.failure("DOCTYPE is not allowed") }
        guard self.peek == UInt8(ascii: "<") else { throw self.failure("Start tag expected, '<' not found") }
        let root = try self.element(depth: 0)
        try self.skipMisc()
        guard self.position == self.bytes.count else { throw self.failure("Extra content at the end of the document") }
        return root
    }

    /// Whitespace, comments and processing instructions between top-level constructs.
    private mutating func skipMisc() throws(Failure) {
        while self.position < self.bytes.count {
            if self.isSpace(self.bytes[self.position]) {
                self.advance()
            } else if self.lookingAt("<!--") {
                try self.skipComment()
            } else if self.lookingAt("<?") {
                try self.skipProcessingInstruction()
            } else {
                return
            }
        }
    }

    // MARK: Elements

    private mutating func element(depth: Int) throws(Failure) -> PacketElement {
        guard depth < Self.maximumDepth else { throw self.failure("Excessive depth in document") }
        let startLine = self.line
        self.advance()  // <
        let name = try self.name()
        var attributes: [(name: String, value: String)] = []
        while true {
            let hadSpace = self.skipSpace()
            guard let byte = self.peek else { throw self.failure("Couldn't find end of Start Tag \(name)") }
            if byte == UInt8(ascii: "/") {
                self.advance()
                guard self.peek == UInt8(ascii: ">") else {
                    throw self.failure("Couldn't find end of Start Tag \(name)")
                }
                self.advance()
                return PacketElement(name: name, attributes: attributes, children: [], text: "", line: startLine)
            }
            if byte == UInt8(ascii: ">") {
                self.advance()
                break
            }
            guard hadSpace else { throw self.failure("attributes construct error") }
            let attributeName = try self.name()
            self.skipSpace()
            guard self.peek == UInt8(ascii: "=") else {
                throw self.failure("Specification mandates value for attribute \(attributeName)")
            }
            self.advance()
            self.skipSpace()
            let value = try self.attributeValue()
            guard !attributes.contains(where: { $0.name == attributeName }) else {
                throw self.failure("Attribute \(attributeName) redefined")
            }
            attributes.append((attributeName, value))
        }

        var children: [PacketElement] = []
        var text: [UInt8] = []
        while true {
            guard let byte = self.peek else {
                throw self.failure("Premature end of data in tag \(name) line \(startLine)")
            }
            if byte == UInt8(ascii: "<") {
                if self.lookingAt("</") {
                    self.position += 2
                    let closing = try self.name()
                    guard closing == name else {
                        throw self.failure("Opening and ending tag mismatch: \(name) line \(startLine) and \(closing)")
                    }
                    self.skipSpace()
                    guard self.peek == UInt8(ascii: ">") else { throw self.failure("expected '>'") }
                    self.advance()
                    return PacketElement(
                        name: name, attributes: attributes, children: children,
                        text: String(decoding: text, as: UTF8.self),
                        line: startLine)
                } else if self.lookingAt("<!--") {
                    try self.skipComment()
                } else if self.lookingAt("<![CDATA[") {
                    self.position += 9
                    guard let end = self.find("]]>") else { throw self.failure("CData section not finished") }
                    text.append(contentsOf: self.bytes[self.position..<end])
                    self.advance(to: end + 3)
                } else if self.lookingAt("<?") {
                    try self.skipProcessingInstruction()
                } else {
                    children.append(try self.element(depth: depth + 1))
                }
            } else if byte == UInt8(ascii: "&") {
                text.append(contentsOf: try self.reference())
            } else {
                text.append(byte)
                self.advance()
            }
        }
    }

    private mutating func name() throws(Failure) -> String {
        let start = self.position
        while let byte = self.peek, self.isNameByte(byte, first: self.position == start) {
            self.position += 1
        }
        guard self.position > start else { throw self.failure("StartTag: invalid element name") }
        return String(decoding: self.bytes[start..<self.position], as: UTF8.self)
    }

    private mutating func attributeValue() throws(Failure) -> String {
        guard let quote = self.peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw self.failure("AttValue: \" or ' expected")
        }
        self.advance()
        var value: [UInt8] = []
        while true {
            guard let byte = self.peek else { throw self.failure("AttValue: ' expected") }
            if byte == quote {
                self.advance()
                return String(decoding: value, as: UTF8.self)
            }
            if byte == UInt8(ascii: "<") { throw self.failure("Unescaped '<' not allowed in attributes values") }
            if byte == UInt8(ascii: "&") {
                value.append(contentsOf: try self.reference())
            } else {
                value.append(byte)
                self.advance()
            }
        }
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`, `&#xHH;` → their UTF-8 bytes.
    private mutating func reference() throws(Failure) -> [UInt8] {
        self.advance()  // &
        guard let end = self.bytes[self.position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw self.failure("EntityRef: expecting ';'")
        }
        let body = String(decoding: self.bytes[self.position..<end], as: UTF8.self)
        self.position = end + 1
        switch body {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            var scalar: Unicode.Scalar?
            if body.hasPrefix("#x") {
                scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if body.hasPrefix("#") {
                scalar = UInt32(body.dropFirst(1)).flatMap(Unicode.Scalar.init)
            } else {
                throw self.failure("Entity '\(body)' not defined")
            }
            guard let scalar, scalar.value != 0 else { throw self.failure("xmlParseCharRef: invalid xmlChar value") }
            return Array(String(scalar).utf8)
        }
    }

    // MARK: Skipping

    private mutating func skipComment() throws(Failure) {
        self.position += 4
        guard let end = self.find("-->") else { throw self.failure("Comment not terminated") }
        self.advance(to: end + 3)
    }

    private mutating func skipProcessingInstruction() throws(Failure) {
        self.position += 2
        guard let end = self.find("?>") else { throw self.failure("ParsePI: PI xml never end ...") }
        self.advance(to: end + 2)
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = self.position
        while let byte = self.peek, self.isSpace(byte) { self.advance() }
        return self.position > start
    }

    // MARK: Bytes

    private var peek: UInt8? {
        self.position < self.bytes.count ? self.bytes[self.position] : nil
    }

    private mutating func advance() {
        if self.bytes[self.position] == 0x0A { self.line += 1 }
        self.position += 1
    }

    /// Moves to `target`, counting the lines passed.
    private mutating func advance(to target: Int) {
        while self.position < target { self.advance() }
    }

    private func lookingAt(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard self.position + count <= self.bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where self.bytes[self.position + offset] != pointer[offset] { return false }
        return true
    }

    /// The index where `literal` next starts, from the current position.
    private func find(_ literal: StaticString) -> Int? {
        let count = literal.utf8CodeUnitCount
        let pointer = literal.utf8Start
        var index = self.position
        while index + count <= self.bytes.count {
            var matches = true
            for offset in 0..<count where self.bytes[index + offset] != pointer[offset] {
                matches = false
                break
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }

    private func failure(_ message: String) -> Failure {
        Failure(line: self.line, message: message)
    }
}
