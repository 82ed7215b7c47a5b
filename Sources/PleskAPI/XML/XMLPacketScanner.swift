#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits an XML API answer into its `<result>` elements as the bytes arrive, without decoding them.
///
/// It follows the packet's structure (`packet` › operator › `get` › `result`) and reports the exact bytes of each
/// `result`, and of a `system` error element, when the element ends. Inside an element it only tracks tags, quotes,
/// comments, CDATA and processing instructions to find the end; what a result holds is left to the decoder. Only an
/// element that spans chunks is copied; the body as a whole is never held. It also notes each result's `status`
/// text, so a result reported as an error is never skipped as known.
///
/// It accepts what Plesk sends: an XML declaration (UTF-8 only), a byte order mark, comments, processing
/// instructions, whitespace anywhere between elements, self-closing elements, and a trailing `output` element.
/// A DOCTYPE is refused (Plesk sends none, and entity declarations are a way to make a small body expand).
struct XMLPacketScanner {
    /// A complete element found under the packet.
    enum Element {
        /// A `result` of the operator's `get`; `statusIsOK` when its `status` is plainly `ok`. When false the
        /// result must be decoded to learn what it is.
        case result(statusIsOK: Bool)
        /// The packet's `system` element: Plesk refused the whole request.
        case system
    }

    private enum Phase {
        case text
        /// After `<`.
        case tagOpen
        case startName
        /// In a start tag after its name: attributes.
        case startTag
        case attributeValue(quote: UInt8)
        /// After `/` in a start tag.
        case emptyTagEnd
        case endName
        /// After an end tag's name: optional whitespace, then `>`.
        case endTag
        /// After `<!`, telling a comment from CDATA.
        case bang
        /// How many `-` were just seen (at most 2).
        case comment(dashes: Int)
        /// How many `]` were just seen (at most 2).
        case cdata(brackets: Int)
        case processingInstruction(question: Bool)
    }

    private static let maxDepth = 256
    private static let maxNameBytes = 64
    private static let maxPrologBytes = 512
    private static let packetName = Array("packet".utf8)
    private static let systemName = Array("system".utf8)
    private static let outputName = Array("output".utf8)
    private static let getName = Array("get".utf8)
    private static let resultName = Array("result".utf8)
    private static let okText = Array("ok".utf8)
    /// The hash of `status` (checked by a test).
    static var statusHash: UInt64 { 0xc4d5_696d_6cc1_2c2f }
    private static let commentOpen = Array("--".utf8)
    private static let cdataOpen = Array("[CDATA[".utf8)

    private let operatorName: [UInt8]
    private var phase = Phase.text
    /// Open elements, each as the hash of its name (end tags must match).
    private var openNames: [UInt64] = []
    /// The name being read: its hash and length, and, outside the captured elements (where names are compared and
    /// shown in errors), its first bytes. Inside a result only the hash is kept: end tags are matched by it.
    private var nameHash: UInt64 = 0
    private var nameLength = 0
    private var recordsName = false
    private var name: [UInt8] = []
    private var nameIsLong = false
    private var bang: [UInt8] = []

    private var rootSeen = false
    private var rootClosed = false
    private var operatorSeen = false
    private var getSeen = false
    private var bytesSeen = 0

    /// The element being captured (a result or the system element), by its depth once open.
    private var captureDepth: Int?
    private var captureIsResult = false
    /// A tag began where a captured element may start; dropped when it turns out to be something else.
    private var tentative = false
    /// The start of the capture (or tentative tag) begun in an earlier chunk.
    private var partial: [UInt8] = []
    /// An element whose content is skipped (`output`, or an unknown element in `get`), by its depth once open.
    private var skipDepth: Int?

    /// The captured result's `status`: its text, whether it held anything but plain text, how often it occurred.
    private var inStatus = false
    private var statusText: [UInt8] = []
    private var statusIsPlain = true
    private var statusCount = 0

    /// A processing instruction before the root (the XML declaration), kept to check its encoding.
    private var prologInstruction: [UInt8]?

    /// - Parameter operatorName: the operator the answer must hold (`webspace`, `service-plan`).
    init(operatorName: String) {
        self.operatorName = Array(operatorName.utf8)
        name.reserveCapacity(Self.maxNameBytes)
    }

    /// Scans the next chunk, calling `found` with the bytes of every element that ends in it.
    /// - Parameter known: asked with the rest of the chunk wherever a result may start (at its `<`): the length of
    ///   a result known to start there, which is then stepped over without being read or reported, or nil. It
    ///   must answer a length only for the exact bytes of a whole result read before (``ListMatcher``
    ///   checks them by their fingerprint): those are a well-formed element whose status is `ok`.
    /// - Throws: ``XMLPacketError`` (`decode`) when the bytes are not such a packet; whatever `found` throws.
    mutating func feed(
        _ chunk: UnsafeRawBufferPointer, known: (UnsafeRawBufferPointer) -> Int? = { _ in nil },
        found: (Element, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let count = chunk.count
        var markStart: Int? = (captureDepth != nil || tentative) ? 0 : nil
        var index = 0
        while index < count {
            let byte = chunk[index]
            switch phase {
            case .text:
                var byte = byte
                if let captureDepth, !inStatus {
                    // Inside a result: its plain tags and text in one tight loop (the bulk of a body's bytes).
                    index = skipSimpleContent(chunk, from: index, captureDepth: captureDepth)
                    guard index < count else { break }
                    byte = chunk[index]
                }
                if byte == UInt8(ascii: "<") {
                    if captureDepth == nil, skipDepth == nil, openNames.count == 3,
                        let length = known(UnsafeRawBufferPointer(rebasing: chunk[index...]))
                    {
                        // A result read before, byte for byte: the scanner is where its end tag leaves it.
                        index += length
                        continue
                    }
                    phase = .tagOpen
                    if captureDepth == nil, skipDepth == nil, openNames.count == 1 || openNames.count == 3 {
                        tentative = true
                        markStart = index
                    }
                } else if !inStatus, captureDepth != nil || skipDepth != nil {
                    // Text inside a skipped element (or a result's, where a tag stopped the loop above): jump to
                    // the next tag.
                    let rest = count - index - 1
                    if rest > 0, let next = memchr(chunk.baseAddress! + index + 1, Int32(UInt8(ascii: "<")), rest) {
                        index = chunk.baseAddress!.distance(to: UnsafeRawPointer(next)) - 1
                    } else {
                        index = count - 1
                    }
                } else if inStatus {
                    if statusText.count < 16 { statusText.append(byte) } else { statusIsPlain = false }
                } else if captureDepth == nil, skipDepth == nil, !Self.isWhitespace(byte) {
                    try checkStrayText(byte, at: bytesSeen + index)
                }
            case .tagOpen:
                switch byte {
                case UInt8(ascii: "/"):
                    startName()
                    phase = .endName
                case UInt8(ascii: "!"):
                    bang.removeAll(keepingCapacity: true)
                    phase = .bang
                case UInt8(ascii: "?"):
                    if !rootSeen { prologInstruction = [] }
                    phase = .processingInstruction(question: false)
                default:
                    guard Self.isNameByte(byte) else { throw Self.malformed("a '<' that starts no tag") }
                    startName()
                    appendName(byte)
                    phase = .startName
                }
            case .startName:
                if Self.isNameByte(byte) {
                    readName(chunk, &index)
                } else if Self.isWhitespace(byte) {
                    phase = .startTag
                } else if byte == UInt8(ascii: ">") {
                    if let captureDepth, openNames.count != captureDepth, openNames.count < Self.maxDepth {
                        // Deep inside a captured element (most tags): only the name's hash is kept.
                        if inStatus { statusIsPlain = false }
                        openNames.append(nameHash)
                        phase = .text
                    } else {
                        try open(selfClosing: false, endingAt: index, in: chunk, markStart: &markStart, found: found)
                    }
                } else if byte == UInt8(ascii: "/") {
                    phase = .emptyTagEnd
                } else {
                    throw Self.malformed("a broken start tag")
                }
            case .startTag:
                switch byte {
                case UInt8(ascii: ">"):
                    try open(selfClosing: false, endingAt: index, in: chunk, markStart: &markStart, found: found)
                case UInt8(ascii: "/"):
                    phase = .emptyTagEnd
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    phase = .attributeValue(quote: byte)
                case UInt8(ascii: "<"):
                    throw Self.malformed("a '<' inside a tag")
                default:
                    break
                }
            case .attributeValue(let quote):
                if byte == quote {
                    phase = .startTag
                } else if byte == UInt8(ascii: "<") {
                    throw Self.malformed("a '<' inside an attribute value")
                }
            case .emptyTagEnd:
                guard byte == UInt8(ascii: ">") else { throw Self.malformed("a '/' inside a tag") }
                try open(selfClosing: true, endingAt: index, in: chunk, markStart: &markStart, found: found)
            case .endName:
                if Self.isNameByte(byte) {
                    readName(chunk, &index)
                } else if Self.isWhitespace(byte), nameLength > 0 {
                    phase = .endTag
                } else if byte == UInt8(ascii: ">"), nameLength > 0 {
                    if let captureDepth, openNames.count > captureDepth, !inStatus {
                        // Deep inside a captured element: only the depth counts (see ``simpleTag``).
                        openNames.removeLast()
                        phase = .text
                    } else {
                        try close(endingAt: index, in: chunk, markStart: &markStart, found: found)
                    }
                } else {
                    throw Self.malformed("a broken end tag")
                }
            case .endTag:
                if byte == UInt8(ascii: ">") {
                    try close(endingAt: index, in: chunk, markStart: &markStart, found: found)
                } else if !Self.isWhitespace(byte) {
                    throw Self.malformed("a broken end tag")
                }
            case .bang:
                bang.append(byte)
                if bang == Self.commentOpen {
                    phase = .comment(dashes: 0)
                } else if bang == Self.cdataOpen {
                    guard captureDepth != nil || skipDepth != nil else {
                        throw Self.malformed("character data outside the elements that may hold it")
                    }
                    if inStatus { statusIsPlain = false }
                    phase = .cdata(brackets: 0)
                } else if !Self.commentOpen.starts(with: bang), !Self.cdataOpen.starts(with: bang) {
                    throw Self.malformed(
                        bang.first == UInt8(ascii: "D")
                            ? "a DOCTYPE, which an XML API answer never has" : "a '<!' that is neither a comment nor CDATA")
                }
            case .comment(let dashes):
                if byte == UInt8(ascii: "-") {
                    phase = .comment(dashes: min(dashes + 1, 2))
                } else if byte == UInt8(ascii: ">"), dashes == 2 {
                    if inStatus { statusIsPlain = false }
                    endMarkup(&markStart)
                } else {
                    phase = .comment(dashes: 0)
                }
            case .cdata(let brackets):
                if byte == UInt8(ascii: "]") {
                    phase = .cdata(brackets: min(brackets + 1, 2))
                } else if byte == UInt8(ascii: ">"), brackets == 2 {
                    endMarkup(&markStart)
                } else {
                    phase = .cdata(brackets: 0)
                }
            case .processingInstruction(let question):
                if byte == UInt8(ascii: ">"), question {
                    if inStatus { statusIsPlain = false }
                    try checkDeclaration()
                    endMarkup(&markStart)
                } else {
                    if prologInstruction != nil {
                        if prologInstruction!.count < Self.maxPrologBytes { prologInstruction!.append(byte) }
                    }
                    phase = .processingInstruction(question: byte == UInt8(ascii: "?"))
                }
            }
            index += 1
        }
        if let markStart {
            partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[markStart...]))
        }
        bytesSeen += count
    }

    /// Checks that the packet ended and held the operator's `get`.
    func finish() throws {
        guard rootSeen else { throw XMLPacketError.decode("expected an XML packet, got no element at all") }
        guard rootClosed, case .text = phase else {
            throw XMLPacketError.decode("truncated XML: the packet does not end (the connection closed early?)")
        }
        guard operatorSeen, getSeen else {
            throw XMLPacketError.decode(
                "the packet holds no <\(XMLPacketError.shown(operatorName))><get> element")
        }
    }

    // MARK: Elements

    /// Skips what lies inside a captured element from `start` on (text, and the tags ``simpleTag`` reads) and
    /// returns the index of the first byte it left: a `<` that needs the byte-by-byte path, or `chunk.count`.
    @inline(__always)
    private mutating func skipSimpleContent(
        _ chunk: UnsafeRawBufferPointer, from start: Int, captureDepth: Int
    ) -> Int {
        let count = chunk.count
        let base = chunk.baseAddress!
        var index = start
        while index < count {
            if base.load(fromByteOffset: index, as: UInt8.self) != UInt8(ascii: "<") {
                // Text: most values are short, so a plain loop first, then memchr for long ones.
                let stop = min(index + 24, count)
                index += 1
                while index < stop, base.load(fromByteOffset: index, as: UInt8.self) != UInt8(ascii: "<") {
                    index += 1
                }
                if index == stop, index < count {
                    guard let next = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else {
                        return count
                    }
                    index = base.distance(to: UnsafeRawPointer(next))
                }
                guard index < count else { return count }
            }
            guard let end = simpleTag(in: chunk, at: index, captureDepth: captureDepth) else { return index }
            index = end + 1
        }
        return count
    }

    /// The common tags inside a captured element, read in one go when they lie whole in the chunk: `<name>`,
    /// `<name/>` and `</name>` below the result's direct children. Returns the index of the tag's `>`, or nil (and
    /// changes nothing) for anything else, which the byte-by-byte path then reads.
    ///
    /// Below the result's direct children only the depth is followed, and names are not compared: the result's
    /// end is found by depth alone, which is exact for well-formed XML. A result is trusted only when its bytes are
    /// those of one decoded before (a fingerprint match); any other is decoded, and the decoder checks every end
    /// tag, so a malformed result still fails, only the check moves to the decoder.
    @inline(__always)
    private mutating func simpleTag(in chunk: UnsafeRawBufferPointer, at start: Int, captureDepth: Int) -> Int? {
        let count = chunk.count
        let base = chunk.baseAddress!
        let isEnd = start + 1 < count && base.load(fromByteOffset: start + 1, as: UInt8.self) == UInt8(ascii: "/")
        var index = isEnd ? start + 2 : start + 1
        let nameStart = index
        while index < count, Self.isNameByte(base.load(fromByteOffset: index, as: UInt8.self)) {
            index += 1
        }
        guard index > nameStart, index < count else { return nil }
        let depth = openNames.count
        let next = base.load(fromByteOffset: index, as: UInt8.self)
        if isEnd {
            guard next == UInt8(ascii: ">"), depth > captureDepth else { return nil }
            openNames.removeLast()
            return index
        }
        guard depth != captureDepth, depth < Self.maxDepth else { return nil }
        if next == UInt8(ascii: ">") {
            openNames.append(0)
            return index
        }
        if next == UInt8(ascii: "/"), index + 1 < count,
            base.load(fromByteOffset: index + 1, as: UInt8.self) == UInt8(ascii: ">")
        {
            return index + 1
        }
        return nil
    }

    private mutating func open(
        selfClosing: Bool, endingAt index: Int, in chunk: UnsafeRawBufferPointer, markStart: inout Int?,
        found: (Element, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        phase = .text
        let depth = openNames.count
        guard depth < Self.maxDepth else { throw Self.malformed("elements nested over \(Self.maxDepth) deep") }
        var startsCapture = false
        if let captureDepth {
            if captureIsResult, depth == captureDepth, nameLength == 6, nameHash == Self.statusHash {
                statusCount += 1
                if selfClosing { statusIsPlain = false } else { inStatus = true }
            } else if inStatus {
                statusIsPlain = false
            }
        } else if skipDepth == nil {
            switch depth {
            case 0:
                guard !rootClosed else { throw XMLPacketError.decode("an element after the end of the packet") }
                guard isName(Self.packetName) else {
                    throw XMLPacketError.decode("expected an XML packet, got a <\(shownName)> element")
                }
                rootSeen = true
                prologInstruction = nil
            case 1:
                if isName(operatorName) {
                    operatorSeen = true
                } else if isName(Self.systemName) {
                    startsCapture = true
                } else if isName(Self.outputName) {
                    if !selfClosing { skipDepth = depth + 1 }
                } else {
                    throw XMLPacketError.decode(
                        "expected <\(XMLPacketError.shown(operatorName))> in the packet, got <\(shownName)>")
                }
            case 2:
                guard isName(Self.getName) else {
                    throw XMLPacketError.decode(
                        "expected <get> in <\(XMLPacketError.shown(operatorName))>, got <\(shownName)>")
                }
                getSeen = true
            case 3:
                if isName(Self.resultName) {
                    startsCapture = true
                } else if !selfClosing {
                    skipDepth = depth + 1
                }
            default:
                break
            }
        }
        if startsCapture {
            tentative = false
            captureIsResult = depth == 3
            inStatus = false
            statusText.removeAll(keepingCapacity: true)
            statusIsPlain = true
            statusCount = 0
            if selfClosing {
                captureDepth = depth + 1
                try emit(endingAt: index, in: chunk, markStart: &markStart, found: found)
                return
            }
            captureDepth = depth + 1
        } else if tentative {
            dropMark(&markStart)
        }
        if selfClosing {
            if depth == 0 { rootClosed = true }
        } else {
            openNames.append(nameHash)
        }
    }

    private mutating func close(
        endingAt index: Int, in chunk: UnsafeRawBufferPointer, markStart: inout Int?,
        found: (Element, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        phase = .text
        guard let last = openNames.last else { throw XMLPacketError.decode("an end tag after the end of the packet") }
        guard last == nameHash else { throw Self.malformed("an end tag that does not match its start tag") }
        openNames.removeLast()
        let depth = openNames.count
        if inStatus, let captureDepth, depth == captureDepth { inStatus = false }
        if let captureDepth, depth == captureDepth - 1 {
            try emit(endingAt: index, in: chunk, markStart: &markStart, found: found)
        } else if tentative {
            dropMark(&markStart)
        }
        if let skipDepth, depth == skipDepth - 1 { self.skipDepth = nil }
        if depth == 0 { rootClosed = true }
    }

    private mutating func emit(
        endingAt index: Int, in chunk: UnsafeRawBufferPointer, markStart: inout Int?,
        found: (Element, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let start = markStart ?? 0
        let element: Element =
            captureIsResult
            ? .result(statusIsOK: statusCount == 1 && statusIsPlain && Self.trimmed(statusText) == Self.okText[...])
            : .system
        captureDepth = nil
        markStart = nil
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[start...index])
        if partial.isEmpty {
            try found(element, bytes)
        } else {
            partial.append(contentsOf: bytes)
            try partial.withUnsafeBytes { try found(element, $0) }
            partial.removeAll(keepingCapacity: true)
        }
    }

    /// A comment, CDATA section or processing instruction ended.
    private mutating func endMarkup(_ markStart: inout Int?) {
        phase = .text
        if tentative { dropMark(&markStart) }
    }

    private mutating func dropMark(_ markStart: inout Int?) {
        tentative = false
        markStart = nil
        partial.removeAll(keepingCapacity: true)
    }

    // MARK: Names

    private mutating func startName() {
        nameHash = Self.hashSeed
        nameLength = 0
        recordsName = captureDepth == nil && skipDepth == nil
        if recordsName {
            name.removeAll(keepingCapacity: true)
            nameIsLong = false
        }
    }

    /// Reads the name bytes from `index` on, leaving `index` at the last of them.
    @inline(__always)
    private mutating func readName(_ chunk: UnsafeRawBufferPointer, _ index: inout Int) {
        guard !recordsName else {
            appendName(chunk[index])
            while index + 1 < chunk.count, Self.isNameByte(chunk[index + 1]) {
                index += 1
                appendName(chunk[index])
            }
            return
        }
        var hash = Self.hash(nameHash, chunk[index])
        var end = index + 1
        while end < chunk.count {
            let byte = chunk[end]
            guard Self.isNameByte(byte) else { break }
            hash = Self.hash(hash, byte)
            end += 1
        }
        nameHash = hash
        nameLength += end - index
        index = end - 1
    }

    @inline(__always)
    private mutating func appendName(_ byte: UInt8) {
        nameHash = Self.hash(nameHash, byte)
        nameLength += 1
        if recordsName {
            if name.count < Self.maxNameBytes { name.append(byte) } else { nameIsLong = true }
        }
    }

    /// Whether the name just read is `expected`: by its bytes where they were kept, else by hash and length.
    private func isName(_ expected: [UInt8]) -> Bool {
        if recordsName { return !nameIsLong && name == expected }
        return nameLength == expected.count && nameHash == expected.reduce(Self.hashSeed, Self.hash)
    }

    /// FNV-1a, 64 bits: names are matched by it inside captured elements.
    private static var hashSeed: UInt64 { 0xcbf2_9ce4_8422_2325 }

    @inline(__always)
    private static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    private var shownName: String {
        XMLPacketError.shown(name) + (nameIsLong ? "…" : "")
    }

    // MARK: Checks

    /// Text where only whitespace may be: a byte order mark at the very start is fine, anything else is not XML.
    private func checkStrayText(_ byte: UInt8, at offset: Int) throws {
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if offset < 3, byte == byteOrderMark[offset] { return }
        if rootClosed { throw XMLPacketError.decode("text after the end of the packet") }
        if !rootSeen { throw XMLPacketError.decode("expected an XML packet, got text that is not XML") }
        throw XMLPacketError.decode("text outside the elements that may hold it")
    }

    /// The XML declaration may only name UTF-8 (or its subset, ASCII): results are decoded as UTF-8.
    private mutating func checkDeclaration() throws {
        guard let instruction = prologInstruction else { return }
        prologInstruction = nil
        let text = String(decoding: instruction, as: UTF8.self)
        guard text.hasPrefix("xml"), let range = text.range(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else {
            throw XMLPacketError.decode("an XML declaration with a broken encoding")
        }
        let encoding = rest.dropFirst().prefix { $0 != quote }.lowercased()
        guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding) else {
            throw XMLPacketError.decode(
                "the packet declares encoding \(XMLPacketError.shown(encoding.utf8)); only UTF-8 is read")
        }
    }

    private static func malformed(_ what: String) -> XMLPacketError {
        XMLPacketError.decode("malformed XML: \(what)")
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Bytes that may appear in a name (lenient: everything but whitespace and markup).
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x40 || nameStopBytes & (1 << UInt64(byte)) == 0
    }

    /// Whitespace, `<`, `>`, `/`, `=`, quotes, `!`, `?` and `&`, as bits (all are below 0x40). A literal: a stored
    /// static would cost a `swift_once` check per byte.
    private static var nameStopBytes: UInt64 { 0xf000_80c7_0000_2600 }

    private static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var slice = bytes[...]
        while let first = slice.first, isWhitespace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isWhitespace(last) { slice = slice.dropLast() }
        return slice
    }
}
