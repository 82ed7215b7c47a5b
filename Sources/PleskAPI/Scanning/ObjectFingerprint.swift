import Foundation

/// Identifies one object of a list by its bytes, so an object seen before need not be decoded again.
///
/// A keyed 64-bit hash of the bytes (``FingerprintKey``) plus their length. The key is kept with the database, so
/// fingerprints remembered by one process are valid in the next.
public struct ObjectFingerprint: Hashable, Comparable, Sendable {
    public var hash: UInt64
    public var length: UInt32

    public init(hash: UInt64, length: UInt32) {
        self.hash = hash
        self.length = length
    }

    public init(bytes: UnsafeRawBufferPointer, key: FingerprintKey) {
        hash = key.hash(bytes)
        length = UInt32(truncatingIfNeeded: bytes.count)
    }

    /// The fingerprint of a decoded object, from its canonical encoding (sorted keys): for sources that hand over
    /// decoded objects rather than bytes. Distinct from every byte fingerprint of the same object, which only
    /// costs a decode, never a wrong match.
    public init<Object: Encodable>(encoding object: Object, key: FingerprintKey) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var tagged = Data([0])  // no object of a list starts with NUL
        tagged.append((try? encoder.encode(object)) ?? Data())
        self = tagged.withUnsafeBytes { ObjectFingerprint(bytes: $0, key: key) }
    }

    public static func < (a: ObjectFingerprint, b: ObjectFingerprint) -> Bool {
        (a.hash, a.length) < (b.hash, b.length)
    }
}
