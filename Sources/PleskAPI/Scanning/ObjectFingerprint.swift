import Foundation

/// Identifies one object of a list by its bytes, so an object seen before need not be decoded again.
///
/// A seeded 64-bit SipHash of the bytes plus their length. The seed is per process: fingerprints are only ever
/// compared with fingerprints of the same process (they are never stored).
public struct ObjectFingerprint: Hashable, Comparable, Sendable {
    var hash: UInt64
    var length: UInt32

    public init(bytes: UnsafeRawBufferPointer) {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        hash = UInt64(bitPattern: Int64(hasher.finalize()))
        length = UInt32(truncatingIfNeeded: bytes.count)
    }

    /// The fingerprint of a decoded object, from its canonical encoding (sorted keys): for sources that hand over
    /// decoded objects rather than bytes. Distinct from every byte fingerprint of the same object, which only
    /// costs a decode, never a wrong match.
    public init<Object: Encodable>(encoding object: Object) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(object)) ?? Data()
        var tagged = Data([0])  // no byte list from a server starts with NUL
        tagged.append(data)
        self = tagged.withUnsafeBytes(ObjectFingerprint.init(bytes:))
    }

    public static func < (a: ObjectFingerprint, b: ObjectFingerprint) -> Bool {
        (a.hash, a.length) < (b.hash, b.length)
    }
}
