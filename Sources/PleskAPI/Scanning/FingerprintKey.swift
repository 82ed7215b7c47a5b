/// The key of the keyed hash behind ``ObjectFingerprint``: SipHash-1-3 (Aumasson and Bernstein's SipHash with one
/// compression and three finalization rounds, the variant Python's and Rust's hash tables use). Without the key
/// nobody can construct two inputs with the same hash, so a customer cannot shape a change of their own account to
/// look unchanged; and a fingerprint is never shown anywhere, which leaves an attacker not even the leaks a hash
/// table's timing gives. SipHash-2-4 would cost twice as much: hashing every byte of every list is most of an
/// unchanged poll. Swift's `Hasher` is SipHash-1-3 too, but its key is the process's and cannot be set;
/// fingerprints that are kept in the database need a key kept with them.
public struct FingerprintKey: Sendable, Hashable {
    public var k0: UInt64
    public var k1: UInt64

    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// SipHash-1-3 of `bytes`.
    public func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state = SipState(key: self)
        let count = bytes.count
        let whole = count & ~7
        var offset = 0
        while offset < whole {
            state.compress(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var last = UInt64(truncatingIfNeeded: count) << 56
        var shift: UInt64 = 0
        while offset < count {
            last |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        state.compress(last)
        return state.finalize()
    }

    /// The hash of an object's enrichment values (owner, status), stable across processes.
    public func hash(_ first: String?, _ second: String?) -> Int {
        // Each value as a presence byte, its length (4 bytes) and its UTF-8: no two pairs give the same bytes.
        let firstCount = first?.utf8.count ?? 0
        let secondCount = second?.utf8.count ?? 0
        return withUnsafeTemporaryAllocation(byteCount: firstCount + secondCount + 10, alignment: 8) { buffer in
            var length = 0
            func append(_ value: String?, count: Int) {
                guard let value else {
                    buffer[length] = 0
                    length += 1
                    return
                }
                buffer[length] = 1
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian) { size in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[(length + 1)...]).copyMemory(from: size)
                }
                length += 5
                let copied = value.utf8.withContiguousStorageIfAvailable { utf8 in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[length...]).copyMemory(from: UnsafeRawBufferPointer(utf8))
                }
                if copied == nil {
                    for (offset, byte) in value.utf8.enumerated() { buffer[length + offset] = byte }
                }
                length += count
            }
            append(first, count: firstCount)
            append(second, count: secondCount)
            return Int(truncatingIfNeeded: hash(UnsafeRawBufferPointer(rebasing: buffer[..<length])))
        }
    }
}

/// The four words of SipHash and its rounds.
private struct SipState {
    var v0: UInt64
    var v1: UInt64
    var v2: UInt64
    var v3: UInt64

    init(key: FingerprintKey) {
        v0 = key.k0 ^ 0x736f_6d65_7073_6575
        v1 = key.k1 ^ 0x646f_7261_6e64_6f6d
        v2 = key.k0 ^ 0x6c79_6765_6e65_7261
        v3 = key.k1 ^ 0x7465_6462_7974_6573
    }

    @inline(__always) mutating func round() {
        v0 &+= v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
        v2 &+= v3; v3 = v3.rotated(16); v3 ^= v2
        v0 &+= v3; v3 = v3.rotated(21); v3 ^= v0
        v2 &+= v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
    }

    @inline(__always) mutating func compress(_ word: UInt64) {
        v3 ^= word
        round()
        v0 ^= word
    }

    @inline(__always) mutating func finalize() -> UInt64 {
        v2 ^= 0xff
        round()
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotated(_ bits: UInt64) -> UInt64 {
        (self << bits) | (self >> (64 - bits))
    }
}
