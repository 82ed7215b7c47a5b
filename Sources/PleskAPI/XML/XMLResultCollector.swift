import NIOCore

/// Builds a ``ScannedList`` from an XML API answer as it arrives: every `<result>` is fingerprinted by its exact bytes,
/// and only those not `known` are decoded, at once, so no more than one result's bytes are ever held.
///
/// The list is all or nothing: a `system` error, a result whose status is not `ok` (known or not), a result that does
/// not decode, or two decoded results with the same guid or id fail it, and a partial list is never returned.
struct XMLResultCollector<Element: XMLResultDecodable> {
    private var scanner = XMLPacketScanner(operatorName: Element.xmlOperator)
    private var results: Results

    init(known: KnownFingerprints) {
        results = Results(known: known)
    }

    /// Scans the next chunk.
    /// - Throws: ``XMLPacketError``, as soon as the answer turns out unusable.
    mutating func feed(_ chunk: ByteBuffer) throws(XMLPacketError) {
        do {
            try chunk.withUnsafeReadableBytes { bytes in
                try scanner.feed(bytes) { rest in
                    results.collectKnown(rest)
                } found: { element, bytes in
                    switch element {
                    case .result(let statusIsOK):
                        try results.collect(bytes, statusIsOK: statusIsOK)
                    case .system:
                        throw Self.systemFailure(bytes)
                    }
                }
            }
        } catch let error as XMLPacketError {
            throw error
        } catch {
            throw .decode("\(error)")
        }
    }

    /// Checks that the packet ended, and returns the list.
    func finish() throws(XMLPacketError) -> ScannedList<Element> {
        do { try scanner.finish() } catch let error as XMLPacketError { throw error } catch { throw .decode("\(error)") }
        return results.list
    }

    /// The results so far: fingerprints, known positions, decoded elements.
    private struct Results {
        var matcher: ListMatcher
        var decoded: [Int: Element] = [:]
        var guids: Set<String> = []
        var ids: Set<Int> = []

        init(known: KnownFingerprints) {
            matcher = ListMatcher(known: known)
        }

        var list: ScannedList<Element> {
            if decoded.count == matcher.count {
                return ScannedList(
                    decodedAll: decoded.sorted { $0.key < $1.key }.map(\.value), fingerprints: matcher.fingerprints,
                    knownPositions: matcher.knownPositions)
            }
            return ScannedList(
                fingerprints: matcher.fingerprints, knownPositions: matcher.knownPositions, decoded: decoded)
        }

        mutating func collect(_ bytes: UnsafeRawBufferPointer, statusIsOK: Bool) throws(XMLPacketError) {
            let position = matcher.count
            let knownPosition = matcher.record(bytes)
            if knownPosition == nil || !statusIsOK {
                // Unknown, or a status the scanner could not read as plain `ok`: decoding says what it is.
                let element = try XMLResultCollector.decode(bytes, position: position)
                if knownPosition == nil {
                    try checkUnique(element)
                    decoded[position] = element
                }
            }
        }

        /// The length of the result remembered next in list order when `rest` begins with it (a list that comes
        /// back as it was), counted as found; else nil. Only a result that begins with a plain `ok` status is
        /// stepped over: any other is scanned, so its status is read even if its bytes were (somehow) known.
        mutating func collectKnown(_ rest: UnsafeRawBufferPointer) -> Int? {
            guard Self.beginsWithStatusOK(rest) else { return nil }
            return matcher.stepOver(rest, closing: "</result>")
        }

        /// Whether `bytes` begin with `<result>`, blanks, then `<status>ok</status>`, as Plesk writes every
        /// result it lists.
        static func beginsWithStatusOK(_ bytes: UnsafeRawBufferPointer) -> Bool {
            let open = "<result>".utf8
            let status = "<status>ok</status>".utf8
            guard bytes.count > open.count + status.count, bytes.starts(with: open) else { return false }
            var index = open.count
            while index < bytes.count, XMLPacketScanner.isWhitespace(bytes[index]) { index += 1 }
            return bytes[index...].starts(with: status)
        }

        mutating func checkUnique(_ element: Element) throws(XMLPacketError) {
            // A result without `gen_info` (a usage answer) has no guid: its id alone identifies it.
            guard element.guid.isEmpty || guids.insert(element.guid).inserted, ids.insert(element.id).inserted else {
                throw .decode("the list names object id \(element.id) (guid \(element.guid)) twice")
            }
        }
    }

    /// Decodes one result, failing on an error result.
    static func decode(_ bytes: UnsafeRawBufferPointer, position: Int) throws(XMLPacketError) -> Element {
        let tree: XMLTreeElement
        do {
            tree = try XMLTreeParser.parse(bytes)
        } catch {
            throw .decode("\(Element.xmlKind) result \(position) is not well-formed XML: \(error.detail)")
        }
        let reader = XMLResultReader(result: tree, kind: Element.xmlKind, position: position)
        switch tree.child("status")?.value {
        case "ok":
            return try Element(xmlResult: reader)
        case "error":
            let code = tree.child("errcode").flatMap { Int($0.value) }
            let message = XMLPacketError.pleskMessage(code: code, text: tree.child("errtext")?.text)
            let object = tree.child("id").map { "\(Element.xmlKind) id \(XMLPacketError.shown($0.value.utf8))" }
                ?? "\(Element.xmlKind) result \(position)"
            var error = XMLPacketError(
                reason: .api, pleskCode: code,
                detail: "Plesk reported an error for \(object) (\(message)); the list is incomplete, so it is not used")
            error.pleskMessage = message
            throw error
        case nil:
            throw reader.failure("required field status is missing")
        default:
            throw reader.failure("status is neither ok nor error")
        }
    }

    /// The failure a `system` element reports: Plesk refused the whole request.
    static func systemFailure(_ bytes: UnsafeRawBufferPointer) -> XMLPacketError {
        let tree: XMLTreeElement
        do {
            tree = try XMLTreeParser.parse(bytes)
        } catch {
            return .decode("the packet's system element is not well-formed XML: \(error.detail)")
        }
        guard tree.child("status")?.value == "error" else {
            return .decode("the packet holds a system element that reports no error instead of the answer")
        }
        let code = tree.child("errcode").flatMap { Int($0.value) }
        let message = XMLPacketError.pleskMessage(code: code, text: tree.child("errtext")?.text)
        let advice = XMLPacketError.advice(forSystemCode: code).map { " (\($0))" } ?? ""
        var error = XMLPacketError(
            reason: XMLPacketError.reason(forSystemCode: code), pleskCode: code,
            detail: "Plesk refused the request: \(message)\(advice)")
        error.pleskMessage = message
        return error
    }
}

extension ScannedList where Element == PleskSubscription {
    /// Scans a whole `webspace get` answer at once (sources that have the bytes in hand; the client streams them).
    /// - Throws: ``XMLPacketError``.
    public static func scanXML(_ body: ByteBuffer, known: KnownFingerprints) throws -> ScannedList<PleskSubscription> {
        var collector = XMLResultCollector<PleskSubscription>(known: known)
        try collector.feed(body)
        return try collector.finish()
    }
}

extension ScannedList where Element == PleskServicePlan {
    /// Scans a whole `service-plan get` answer at once.
    /// - Throws: ``XMLPacketError``.
    public static func scanXML(_ body: ByteBuffer, known: KnownFingerprints) throws -> ScannedList<PleskServicePlan> {
        var collector = XMLResultCollector<PleskServicePlan>(known: known)
        try collector.feed(body)
        return try collector.finish()
    }
}
