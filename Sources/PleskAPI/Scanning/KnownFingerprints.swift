/// The fingerprints of the objects a caller already knows, in the order of the list they came from.
///
/// A list usually comes back in the same order as last time, so a lookup first tries the position after the last
/// match and only then searches an index sorted by fingerprint: an unchanged list of 100,000 objects costs
/// 100,000 comparisons, and 1.6 MB instead of a hash table's 6 MB.
public struct KnownFingerprints: Sendable {
    /// The key the fingerprints were made with; new ones are made with it too.
    public let key: FingerprintKey
    public let inListOrder: [ObjectFingerprint]
    /// Positions in ``inListOrder``, sorted by fingerprint.
    private let sorted: [Int32]

    /// Nothing known, fingerprints made with a fixed key (tests and one-off reads).
    public static let none = KnownFingerprints(key: FingerprintKey(k0: 0, k1: 0), [])

    public init(key: FingerprintKey, _ inListOrder: [ObjectFingerprint]) {
        self.key = key
        // Kept between polls: a list grown by appending as it streamed in may hold up to twice its size.
        self.inListOrder =
            inListOrder.capacity > inListOrder.count + inListOrder.count / 16
            ? inListOrder.withUnsafeBufferPointer { Array($0) } : inListOrder
        sorted = inListOrder.indices.map { Int32($0) }.sorted { inListOrder[Int($0)] < inListOrder[Int($1)] }
    }

    public var isEmpty: Bool { inListOrder.isEmpty }

    /// The position of `fingerprint` in ``inListOrder``, trying `hint` first.
    public func position(of fingerprint: ObjectFingerprint, hint: Int) -> Int? {
        if hint >= 0, hint < inListOrder.count, inListOrder[hint] == fingerprint { return hint }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if inListOrder[Int(sorted[middle])] < fingerprint { low = middle + 1 } else { high = middle }
        }
        guard low < sorted.count, inListOrder[Int(sorted[low])] == fingerprint else { return nil }
        return Int(sorted[low])
    }

    /// The position of each of `fingerprints` (-1 when unknown), looking them up in order.
    func positions(of fingerprints: [ObjectFingerprint]) -> [Int32] {
        var hint = 0
        return fingerprints.map { fingerprint in
            guard let position = position(of: fingerprint, hint: hint) else { return -1 }
            hint = position + 1
            return Int32(position)
        }
    }
}

extension KnownFingerprints {
    /// A position whose fingerprint occurs more than once (the same object listed twice), if any.
    public var repeatedPosition: Int? {
        for index in sorted.indices.dropFirst() where inListOrder[Int(sorted[index])] == inListOrder[Int(sorted[index - 1])] {
            return Int(sorted[index])
        }
        return nil
    }
}
