import Foundation
import NIOCore

/// Builds a ``ScannedList`` from a list's body as it arrives: every object is fingerprinted, and only the bytes of
/// objects not `known` are kept, to be decoded at the end in one go.
///
/// An unchanged list of 100,000 domains (29 MB) thus never holds more than one object's bytes. A body that is not
/// an array of objects is kept whole instead and decoded whole, so it fails with the error the decoder gives it.
struct ListCollector<Element: Codable & Sendable> {
    private var scanner = JSONArrayStreamScanner()
    private var matcher: ListMatcher
    private var unknownPositions: [Int] = []
    /// The unknown objects as one JSON array (its closing bracket is added at the end).
    private var unknownBytes: [UInt8] = [UInt8(ascii: "[")]
    /// Where each unknown object starts in `unknownBytes`.
    private var unknownStarts: [Int] = []
    /// The body up to its first object: kept whole if it turns out not to be an array of objects.
    private var opening: [UInt8]? = []
    /// The whole body, once it turned out not to be an array of objects.
    private var wholeBody: [UInt8]?
    /// The position of an element that is not an object (or of the break in the array's syntax).
    private var malformedAt: Int?

    /// - Parameter expectedBytes: the body's declared length, to reserve room when every object will be unknown.
    init(known: KnownFingerprints, expectedBytes: Int? = nil) {
        matcher = ListMatcher(known: known)
        if known.isEmpty, let expectedBytes { unknownBytes.reserveCapacity(expectedBytes + 1) }
    }

    mutating func feed(_ chunk: ByteBuffer) {
        if wholeBody != nil {
            wholeBody?.append(contentsOf: chunk.readableBytesView)
            return
        }
        guard malformedAt == nil else { return }
        opening?.append(contentsOf: chunk.readableBytesView)
        do {
            try chunk.withUnsafeReadableBytes { bytes in
                try scanner.feed(bytes) { rest in
                    guard let length = matcher.stepOver(rest, closing: "}") else { return nil }
                    opening = nil
                    return length
                } object: { object in
                    if matcher.record(object) == nil {
                        if !unknownPositions.isEmpty { unknownBytes.append(UInt8(ascii: ",")) }
                        unknownStarts.append(unknownBytes.count)
                        unknownBytes.append(contentsOf: object)
                        unknownPositions.append(matcher.count - 1)
                    }
                    opening = nil
                }
            }
        } catch {
            // Not an array of objects at all (kept whole: the decoder names what it is), or broken later on.
            if let opening {
                wholeBody = opening
            } else {
                malformedAt = matcher.count
            }
        }
    }

    /// Decodes the unknown objects.
    /// - Throws: a `DecodingError` whose coding path names the object's position in the list.
    mutating func finish() throws -> ScannedList<Element> {
        if let wholeBody {
            let list = try JSONDecoder().decode([Element].self, from: Data(wholeBody))
            return ScannedList(elements: list, known: matcher.known)
        }
        if let malformedAt {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [ListPosition(intValue: malformedAt)], debugDescription: "not an object"))
        }
        guard (try? scanner.finish()) != nil else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "malformed or truncated JSON"))
        }
        unknownBytes.append(UInt8(ascii: "]"))
        let unknown = try decodeUnknown()
        unknownBytes = []
        if unknown.count == matcher.count {
            return ScannedList(
                decodedAll: unknown, fingerprints: matcher.fingerprints, knownPositions: matcher.knownPositions)
        }
        return ScannedList(
            fingerprints: matcher.fingerprints, knownPositions: matcher.knownPositions,
            decoded: Dictionary(uniqueKeysWithValues: zip(unknownPositions, unknown.lazy.map { $0! })))
    }
}

extension ListCollector {
    /// Unknown objects decoded at once: Foundation's decoder first maps the whole text it is given (about twice its
    /// size), which for a baseline's 28 MB of domains was 52 MB at the poll's peak.
    static var decodingBatch: Int { 1024 }

    /// Decodes the unknown objects batch by batch where they lie (a copy into `Data` would double a baseline's
    /// bytes): each batch is framed as an array in place — the separator before its first object becomes `[`, the
    /// one after its last `]` — and restored after.
    private mutating func decodeUnknown() throws -> [Element?] {
        var unknown: [Element?] = []
        unknown.reserveCapacity(unknownStarts.count)
        var first = 0
        while first < unknownStarts.count {
            let end = min(first + Self.decodingBatch, unknownStarts.count)
            let open = unknownStarts[first] - 1
            let close = end < unknownStarts.count ? unknownStarts[end] - 1 : unknownBytes.count - 1
            let (before, after) = (unknownBytes[open], unknownBytes[close])
            unknownBytes[open] = UInt8(ascii: "[")
            unknownBytes[close] = UInt8(ascii: "]")
            defer { (unknownBytes[open], unknownBytes[close]) = (before, after) }
            do {
                let batch = try unknownBytes.withUnsafeMutableBytes { bytes in
                    try JSONDecoder().decode(
                        [Element].self,
                        from: Data(bytesNoCopy: bytes.baseAddress! + open, count: close - open + 1, deallocator: .none))
                }
                unknown.append(contentsOf: batch.lazy.map(Optional.some))
            } catch let error as DecodingError {
                throw error.atListPositions(Array(unknownPositions[first..<end]))
            }
            first = end
        }
        return unknown
    }
}

extension ScannedList where Element: Codable {
    /// Scans a whole body at once (sources that have the bytes in hand; the client streams them).
    public static func scan(_ body: ByteBuffer, known: KnownFingerprints) throws -> ScannedList<Element> {
        var collector = ListCollector<Element>(known: known)
        collector.feed(body)
        return try collector.finish()
    }
}

extension DecodingError {
    /// The same error with the first coding path element (a position among the decoded objects) replaced by the
    /// object's position in the whole list.
    func atListPositions(_ positions: [Int]) -> DecodingError {
        func mapped(_ context: Context) -> Context {
            guard let first = context.codingPath.first?.intValue, positions.indices.contains(first) else { return context }
            let path: [any CodingKey] = [ListPosition(intValue: positions[first])] + context.codingPath.dropFirst()
            return Context(codingPath: path, debugDescription: context.debugDescription)
        }
        switch self {
        case .keyNotFound(let key, let context): return .keyNotFound(key, mapped(context))
        case .valueNotFound(let type, let context): return .valueNotFound(type, mapped(context))
        case .typeMismatch(let type, let context): return .typeMismatch(type, mapped(context))
        case .dataCorrupted(let context): return .dataCorrupted(mapped(context))
        @unknown default: return self
        }
    }
}

/// A position in a list, as a coding path element.
struct ListPosition: CodingKey {
    var stringValue: String { "\(intValue ?? 0)" }
    var intValue: Int?
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
