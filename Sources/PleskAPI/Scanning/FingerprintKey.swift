/// The key of the keyed hash behind ``ObjectFingerprint``: SipHash-2-4 (Aumasson and Bernstein), whose collisions
/// nobody without the key can construct, so a customer cannot shape a change of their own account to look
/// unchanged. Swift's `Hasher` is SipHash too, but its key is the process's and cannot be set; fingerprints that
/// are kept in the database need a key kept with them.
public struct FingerprintKey: Sendable, Hashable {
    public var k0: UInt64
    public var k1: UInt64

    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// SipHash-2-4 of `bytes`.
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
        var first = first
        var second = second
        // Each value as a presence byte, its length (4 bytes) and its UTF-8: no two pairs give the same bytes.
        let capacity = (first?.utf8.count ?? 0) + (second?.utf8.count ?? 0) + 10
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var length = 0
            func append(_ value: inout String?) {
                guard value != nil else {
                    buffer[length] = 0
                    length += 1
                    return
                }
                buffer[length] = 1
                length += 1
                value!.withUTF8 { utf8 in
                    for shift in stride(from: 0, to: 32, by: 8) {
                        buffer[length] = UInt8(truncatingIfNeeded: utf8.count >> shift)
                        length += 1
                    }
                    for byte in utf8 {
                        buffer[length] = byte
                        length += 1
                    }
                }
            }
            append(&first)
            append(&second)
            return Int(truncatingIfNeeded: hash(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[..<length])))
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
        round()
        v0 ^= word
    }

    @inline(__always) mutating func finalize() -> UInt64 {
        v2 ^= 0xff
        round()
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
