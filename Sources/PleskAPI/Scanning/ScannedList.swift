/// One list as received: every object's fingerprint in list order, and the objects that were decoded.
///
/// Only the objects whose fingerprints the caller did not know are decoded (so a malformed new object fails the
/// request like any other bad body); the bytes of the others are not kept.
public struct ScannedList<Element: Sendable>: Sendable {
    public let fingerprints: [ObjectFingerprint]
    private let decoded: Decoded

    private enum Decoded: Sendable {
        case all([Element])
        case some([Int: Element])
    }

    /// A list of which only the objects at the keys of `decoded` were decoded.
    public init(fingerprints: [ObjectFingerprint], decoded: [Int: Element]) {
        self.fingerprints = fingerprints
        self.decoded = .some(decoded)
    }

    /// A list decoded whole.
    public init(elements: [Element], fingerprints: [ObjectFingerprint]) {
        precondition(elements.count == fingerprints.count)
        self.fingerprints = fingerprints
        decoded = .all(elements)
    }

    /// A list decoded whole, fingerprinted by `fingerprint` (a source without bytes, or a body that was not a
    /// plain array).
    public init(elements: [Element], fingerprint: (Element) -> ObjectFingerprint) {
        self.init(elements: elements, fingerprints: elements.map(fingerprint))
    }

    public var count: Int { fingerprints.count }

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

    /// The object at `index`, or nil when it was known and not decoded.
    public func element(at index: Int) -> Element? {
        switch decoded {
        case .all(let elements): return elements[index]
        case .some(let decoded): return decoded[index]
        }
    }
}
