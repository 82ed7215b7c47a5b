#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A list's fingerprints as its objects are found, each with its position in the known list: the bookkeeping the
/// JSON and the XML collector share.
///
/// A list usually comes back as it was, so the next object is looked for right after the last match: first by its
/// bytes, before the scanner reads them (``stepOver(_:closing:)``), else by the fingerprint of what was read.
struct ListMatcher {
    let known: KnownFingerprints
    private(set) var fingerprints: [ObjectFingerprint] = []
    /// Per object, its position in ``known``, or -1.
    private(set) var knownPositions: [Int32] = []
    private var hint = 0

    init(known: KnownFingerprints) {
        self.known = known
    }

    /// How many objects were recorded.
    var count: Int { fingerprints.count }

    /// When `rest` begins with exactly the object remembered next, whose last bytes are `closing`: records it and
    /// returns its length, so the scanner steps over it. Else nil.
    ///
    /// The length and the closing bytes are checked before anything is hashed, so a changed object mostly costs
    /// two comparisons here; one of the same length costs one hash more.
    mutating func stepOver(_ rest: UnsafeRawBufferPointer, closing: StaticString) -> Int? {
        guard hint < known.inListOrder.count else { return nil }
        let expected = known.inListOrder[hint]
        let length = Int(expected.length)
        let closingCount = closing.utf8CodeUnitCount
        guard length >= closingCount, length <= rest.count,
            memcmp(rest.baseAddress! + (length - closingCount), closing.utf8Start, closingCount) == 0,
            ObjectFingerprint(bytes: UnsafeRawBufferPointer(rebasing: rest[..<length]), key: known.key) == expected
        else { return nil }
        append(expected, at: hint)
        return length
    }

    /// Records the object whose bytes were read; returns its position in the known list, or nil when unknown.
    mutating func record(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let fingerprint = ObjectFingerprint(bytes: bytes, key: known.key)
        let position = known.position(of: fingerprint, hint: hint)
        append(fingerprint, at: position)
        return position
    }

    private mutating func append(_ fingerprint: ObjectFingerprint, at position: Int?) {
        if let position { hint = position + 1 }
        fingerprints.append(fingerprint)
        knownPositions.append(Int32(position ?? -1))
    }
}
