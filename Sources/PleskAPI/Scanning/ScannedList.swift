/// One list as received: every object's fingerprint in list order, and each object decodable on demand.
///
/// Only the objects whose fingerprints the caller did not know are decoded while scanning (so a malformed new
/// object fails the request like any other bad body). An object the caller knew has the same bytes as one that
/// decoded before; ``element(at:)`` decodes it again only if the caller needs its fields after all.
public struct ScannedList<Element: Sendable>: Sendable {
    public let fingerprints: [ObjectFingerprint]
    private let decoded: Decoded
    private let decode: @Sendable (Int) throws -> Element

    private enum Decoded: Sendable {
        case all([Element])
        case some([Int: Element])
    }

    /// A list of which only the objects at the keys of `decoded` were decoded.
    public init(
        fingerprints: [ObjectFingerprint], decoded: [Int: Element], decode: @escaping @Sendable (Int) throws -> Element
    ) {
        self.fingerprints = fingerprints
        self.decoded = .some(decoded)
        self.decode = decode
    }

    /// A list decoded whole.
    public init(elements: [Element], fingerprints: [ObjectFingerprint]) {
        precondition(elements.count == fingerprints.count)
        self.fingerprints = fingerprints
        decoded = .all(elements)
        decode = { elements[$0] }
    }

    /// A list decoded whole, fingerprinted by `fingerprint` (a source without bytes, or a body the scanner did not
    /// take).
    public init(elements: [Element], fingerprint: (Element) -> ObjectFingerprint) {
        self.init(elements: elements, fingerprints: elements.map(fingerprint))
    }

    public var count: Int { fingerprints.count }

    /// The objects decoded while scanning.
    public var decodedElements: [Element] {
        switch decoded {
        case .all(let elements): return elements
        case .some(let decoded): return decoded.sorted { $0.key < $1.key }.map(\.value)
        }
    }

    /// The object at `index`, decoding it if scanning did not.
    public func element(at index: Int) throws -> Element {
        switch decoded {
        case .all(let elements): return elements[index]
        case .some(let decoded): return try decoded[index] ?? decode(index)
        }
    }
}
