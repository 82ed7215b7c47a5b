/// One list as received: every object's fingerprint in list order, and the objects that were decoded.
///
/// Only the objects whose fingerprints the caller did not know are decoded (so a malformed new object fails the
/// request like any other bad body); the bytes of the others are not kept.
public struct ScannedList<Element: Sendable>: Sendable {
    public let fingerprints: [ObjectFingerprint]
    /// Each object's position in the known list it was scanned against (`KnownFingerprints.inListOrder`), or -1 when
    /// it was not known: found once while scanning, so the caller need not look it up again.
    private let knownPositions: [Int32]
    private let decoded: Decoded

    private enum Decoded: Sendable {
        case all([Element])
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
        precondition(elements.count == fingerprints.count)
        self.fingerprints = fingerprints
        knownPositions = known.positions(of: fingerprints)
        decoded = .all(elements)
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

    /// The objects that were decoded, in list order.
    public var decodedElements: [Element] {
        switch decoded {
        case .all(let elements): return elements
        case .some(let decoded): return decoded.sorted { $0.key < $1.key }.map(\.value)
        }
    }

    /// The same list with every decoded object transformed (fingerprints and known positions unchanged).
    public func mapDecoded<Other: Sendable, Failure: Error>(_ transform: (Element) throws(Failure) -> Other)
        throws(Failure) -> ScannedList<Other>
    {
        switch decoded {
        case .all(let elements):
            var transformed: [Other] = []
            transformed.reserveCapacity(elements.count)
            for element in elements { transformed.append(try transform(element)) }
            return ScannedList<Other>(fingerprints: fingerprints, knownPositions: knownPositions, decoded: .all(transformed))
        case .some(let decoded):
            var transformed: [Int: Other] = [:]
            transformed.reserveCapacity(decoded.count)
            for (index, element) in decoded { transformed[index] = try transform(element) }
            return ScannedList<Other>(
                fingerprints: fingerprints, knownPositions: knownPositions, decoded: .some(transformed))
        }
    }

    /// The object at `index`, or nil when it was known and not decoded.
    public func element(at index: Int) -> Element? {
        switch decoded {
        case .all(let elements): return elements[index]
        case .some(let decoded): return decoded[index]
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
