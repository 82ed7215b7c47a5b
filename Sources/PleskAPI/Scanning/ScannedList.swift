/// One list as received: every object's fingerprint in list order, and the objects that were decoded.
///
/// Only the objects whose fingerprints the caller did not know are decoded (so a malformed new object fails the
/// request like any other bad body); the bytes of the others are not kept.
public struct ScannedList<Element: Sendable>: Sendable {
    public let fingerprints: [ObjectFingerprint]
    /// Each object's position in the known list it was scanned against (`KnownFingerprints.inListOrder`), or -1 when
    /// it was not known: found once while scanning, so the caller need not look it up again.
    private let knownPositions: [Int32]
    private var decoded: Decoded

    private enum Decoded: Sendable {
        /// Every object, in list order; nil once taken (``takeElement(at:)``).
        case all([Element?])
        case some([Int: Element])
    }

    /// A list of which only the objects at the keys of `decoded` (the unknown ones) were decoded.
    init(fingerprints: [ObjectFingerprint], knownPositions: [Int32], decoded: [Int: Element]) {
        self.init(fingerprints: fingerprints, knownPositions: knownPositions, decoded: .some(decoded))
    }

    private init(fingerprints: [ObjectFingerprint], knownPositions: [Int32], decoded: Decoded) {
        self.fingerprints = fingerprints
        self.knownPositions = knownPositions
        self.decoded = decoded
    }

    /// A list decoded whole.
    public init(elements: [Element], fingerprints: [ObjectFingerprint], known: KnownFingerprints) {
        self.init(
            decodedAll: elements.map(Optional.some), fingerprints: fingerprints,
            knownPositions: known.positions(of: fingerprints))
    }

    /// A list decoded whole, as a collector found it (its elements not copied into optionals, its known positions
    /// not looked up again).
    init(decodedAll elements: [Element?], fingerprints: [ObjectFingerprint], knownPositions: [Int32]) {
        precondition(elements.count == fingerprints.count && knownPositions.count == fingerprints.count)
        self.init(fingerprints: fingerprints, knownPositions: knownPositions, decoded: .all(elements))
    }

    public var count: Int { fingerprints.count }

    /// The position of the object at `index` in the known list, or nil when it was not known.
    public func knownPosition(at index: Int) -> Int? {
        knownPositions[index] < 0 ? nil : Int(knownPositions[index])
    }

    /// How many objects were decoded.
    public var decodedCount: Int {
        switch decoded {
        case .all(let elements): return elements.count
        case .some(let decoded): return decoded.count
        }
    }

    /// The objects that were decoded (and not taken), in list order.
    public var decodedElements: [Element] { compactMapDecoded { $0 } }

    /// `transform` applied to the objects that were decoded (and not taken), in list order, nil results left out;
    /// the objects are not copied into a list of their own first.
    public func compactMapDecoded<Result, Failure: Error>(_ transform: (Element) throws(Failure) -> Result?)
        throws(Failure) -> [Result]
    {
        var results: [Result] = []
        switch decoded {
        case .all(let elements):
            for case let element? in elements { if let result = try transform(element) { results.append(result) } }
        case .some(let decoded):
            for (_, element) in decoded.sorted(by: { $0.key < $1.key }) {
                if let result = try transform(element) { results.append(result) }
            }
        }
        return results
    }

    /// The same list with every decoded object transformed (fingerprints and known positions unchanged).
    public func mapDecoded<Other: Sendable, Failure: Error>(_ transform: (Element) throws(Failure) -> Other)
        throws(Failure) -> ScannedList<Other>
    {
        switch decoded {
        case .all(let elements):
            var transformed: [Other?] = []
            transformed.reserveCapacity(elements.count)
            for element in elements { transformed.append(try element.map(transform)) }
            return ScannedList<Other>(fingerprints: fingerprints, knownPositions: knownPositions, decoded: .all(transformed))
        case .some(let decoded):
            var transformed: [Int: Other] = [:]
            transformed.reserveCapacity(decoded.count)
            for (index, element) in decoded { transformed[index] = try transform(element) }
            return ScannedList<Other>(
                fingerprints: fingerprints, knownPositions: knownPositions, decoded: .some(transformed))
        }
    }

    /// The object at `index`, or nil when it was known and not decoded (or taken).
    public func element(at index: Int) -> Element? {
        switch decoded {
        case .all(let elements): return elements[index]
        case .some(let decoded): return decoded[index]
        }
    }

    /// The object at `index`, no longer held by the list: a baseline reduced object by object would otherwise hold
    /// every decoded object (all their strings) until the last one's canonical JSON is written.
    public mutating func takeElement(at index: Int) -> Element? {
        switch decoded {
        case .all(var elements):
            // Left without the list while it changes, so that the list is not copied.
            decoded = .some([:])
            defer { decoded = .all(elements) }
            return elements[index].take()
        case .some(var decoded):
            self.decoded = .all([])
            defer { self.decoded = .some(decoded) }
            return decoded.removeValue(forKey: index)
        }
    }
}

extension ScannedList where Element: Encodable {
    /// A list decoded whole and fingerprinted by its canonical encoding (a source without bytes, or a body that was
    /// not a plain array).
    public init(elements: [Element], known: KnownFingerprints) {
        self.init(
            elements: elements, fingerprints: elements.map { ObjectFingerprint(encoding: $0, key: known.key) },
            known: known)
    }
}
