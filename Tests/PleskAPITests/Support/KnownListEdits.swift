import TestSupport
import Testing

@testable import PleskAPI

/// A list known from an earlier poll with a few edits in it, as the known-list tests of both scanners use it.
enum KnownListEdits {
    /// `original` with `seed % 5` random edits: a rename to a name of the same length or of another one (`renamed`
    /// says how), a removal, an insertion (`made` makes the new item from its id) or two items swapped.
    static func edited(
        _ original: [String], seed: Int, renamed: (String, _ sameLength: Bool) -> String, made: (Int) -> String
    ) -> [String] {
        var random = SeededRandom(seed: UInt64(seed) &+ 11)
        var items = original
        var next = 100
        for _ in 0..<(seed % 5) {
            let index = Int.random(in: 0..<items.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: items[index] = renamed(items[index], true)
            case 1: items[index] = renamed(items[index], false)
            case 2: items.remove(at: index)
            case 3:
                items.insert(made(next), at: index)
                next += 1
            default: items.swapAt(index, Int.random(in: 0..<items.count, using: &random))
            }
        }
        return items
    }

    /// The fingerprint of one item's bytes under the fixed test key.
    static func fingerprint(_ item: String) -> ObjectFingerprint {
        Array(item.utf8).withUnsafeBytes { ObjectFingerprint(bytes: $0, key: KnownFingerprints.none.key) }
    }

    /// Expects of `list` (a scan of `items` against `original`'s fingerprints) each item's own fingerprint, the
    /// position of its bytes in `original` as its known position, and a decoded element exactly where unknown.
    static func expectMatches<Element>(
        _ list: ScannedList<Element>, items: [String], original: [ObjectFingerprint], seed: Int
    ) {
        #expect(list.fingerprints == items.map(fingerprint), "seed \(seed)")
        for (index, item) in items.enumerated() {
            let position = original.firstIndex(of: fingerprint(item))
            #expect(list.knownPosition(at: index) == position, "seed \(seed), item \(index)")
            #expect((list.element(at: index) == nil) == (position != nil), "seed \(seed), item \(index)")
        }
    }
}
