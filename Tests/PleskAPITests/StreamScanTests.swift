import Foundation
import NIOCore
import TestSupport
import Testing

@testable import PleskAPI

/// The stream scanner and the collector over bodies split at every possible byte.
@Suite("Streaming list scan")
struct StreamScanTests {
    static let body = #"""
     [ {"id":1,"name":"a\"}{[","x":{"y":[1,{"z":"]"}]}} ,
    {"id":2,"name":"\u00e9\\"}]
    """#

    /// The objects' bytes, as the scanner reports them, with the body cut into chunks at `cuts`.
    static func objects(_ body: String, cuts: [Int]) throws -> [String] {
        let bytes = Array(body.utf8)
        var scanner = JSONArrayStreamScanner()
        var objects: [String] = []
        var start = 0
        for end in cuts + [bytes.count] where end >= start {
            try bytes[start..<end].withUnsafeBytes { chunk in
                try scanner.feed(chunk) { objects.append(String(decoding: $0, as: UTF8.self)) }
            }
            start = end
        }
        try scanner.finish()
        return objects
    }

    @Test("objects are found whole wherever the chunks are cut")
    func everyCut() throws {
        let expected = [#"{"id":1,"name":"a\"}{[","x":{"y":[1,{"z":"]"}]}}"#, #"{"id":2,"name":"\u00e9\\"}"#]
        let count = Self.body.utf8.count
        for first in 0...count {
            #expect(try Self.objects(Self.body, cuts: [first]) == expected, "cut at \(first)")
            for second in stride(from: first, through: count, by: 7) {
                #expect(try Self.objects(Self.body, cuts: [first, second]) == expected, "cuts at \(first), \(second)")
            }
        }
    }

    /// The known-list walk below passes whether or not anything is stepped over; this shows that it is, and that
    /// the scan goes on right after what it stepped over.
    @Test("an object the caller knows is stepped over: not reported, and the scan goes on after it")
    func stepOver() throws {
        let objects = [#"{"id":1}"#, #"{"id":2,"x":"}"}"#, #"{"id":3}"#]
        let body = Array(("[" + objects.joined(separator: ", ") + "]").utf8)
        var scanner = JSONArrayStreamScanner()
        var asked = 0
        var reported: [String] = []
        try body.withUnsafeBytes { chunk in
            try scanner.feed(chunk) { rest in
                asked += 1
                // The second object, told by its first bytes: its whole length.
                return rest.starts(with: #"{"id":2"#.utf8) ? objects[1].utf8.count : nil
            } object: { reported.append(String(decoding: $0, as: UTF8.self)) }
        }
        try scanner.finish()
        #expect(asked == 3)
        #expect(reported == [objects[0], objects[2]])
    }

    @Test(
        "anything but a complete array of objects is malformed",
        arguments: ["", "[", "[{}", "[{},]", "[1]", "[{}]x", "[{}{}]", "[{\"a\":]}", "{\"a\":1}", "[{\"a\":\"]"])
    func malformed(body: String) {
        #expect(throws: JSONArrayStreamScanner.Malformed.self) { try Self.objects(body, cuts: []) }
    }

    struct Item: Codable, Sendable, Equatable {
        var id: Int
        var name: String
    }

    @Test("the collector decodes unknown objects only, and names a bad one by its position in the list")
    func collector() throws {
        let body = #"[{"id":1,"name":"a"},{"id":2,"name":"b"},{"id":3,"name":"c"}]"#
        let first = try ScannedList<Item>.scan(ByteBuffer(string: body), known: .none)
        #expect(first.decodedElements == [Item(id: 1, name: "a"), Item(id: 2, name: "b"), Item(id: 3, name: "c")])

        let changed = #"[{"id":1,"name":"a"},{"id":2,"name":"B"},{"id":3,"name":"c"}]"#
        let second = try ScannedList<Item>.scan(ByteBuffer(string: changed), known: KnownFingerprints(key: KnownFingerprints.none.key, first.fingerprints))
        #expect(second.decodedElements == [Item(id: 2, name: "B")])
        #expect(second.element(at: 1) == Item(id: 2, name: "B"))
        #expect(second.fingerprints[0] == first.fingerprints[0] && second.fingerprints[1] != first.fingerprints[1])

        let bad = #"[{"id":1,"name":"a"},{"id":2,"name":"b"},{"id":"three","name":"c"}]"#
        do {
            _ = try ScannedList<Item>.scan(ByteBuffer(string: bad), known: KnownFingerprints(key: KnownFingerprints.none.key, first.fingerprints))
            Issue.record("a bad object decoded")
        } catch let DecodingError.typeMismatch(_, context) {
            #expect(context.codingPath.first?.intValue == 2)
        }
    }

    @Test("a taken object is no longer in the list; the others stay at their positions")
    func takeElement() throws {
        let body = #"[{"id":1,"name":"a"},{"id":2,"name":"b"},{"id":3,"name":"c"}]"#
        var whole = try ScannedList<Item>.scan(ByteBuffer(string: body), known: .none)
        #expect(whole.takeElement(at: 1) == Item(id: 2, name: "b"))
        #expect(whole.takeElement(at: 1) == nil)
        #expect(whole.element(at: 1) == nil && whole.element(at: 2) == Item(id: 3, name: "c"))
        #expect(whole.decodedElements == [Item(id: 1, name: "a"), Item(id: 3, name: "c")])
        #expect(whole.compactMapDecoded { $0.id > 1 ? $0.name : nil } == ["c"])
        #expect(whole.count == 3)

        let changed = #"[{"id":1,"name":"a"},{"id":2,"name":"B"},{"id":3,"name":"C"}]"#
        var some = try ScannedList<Item>.scan(
            ByteBuffer(string: changed), known: KnownFingerprints(key: KnownFingerprints.none.key, whole.fingerprints))
        #expect(some.takeElement(at: 0) == nil)
        #expect(some.takeElement(at: 2) == Item(id: 3, name: "C"))
        #expect(some.decodedElements == [Item(id: 2, name: "B")])
        #expect(some.element(at: 2) == nil)
    }

    @Test("unknown objects are decoded in batches: every one comes back in order, a bad one is named by its position")
    func collectorDecodesInBatches() throws {
        // Every third object changes below: the unknown ones still fill more than two batches.
        let count = 3 * (ListCollector<Item>.decodingBatch * 2 + 300)
        func body(_ name: (Int) -> String, id: (Int) -> String = { "\($0)" }) -> ByteBuffer {
            ByteBuffer(string: "[" + (0..<count).map { #"{"id":\#(id($0)),"name":"\#(name($0))"}"# }.joined(separator: ",") + "]")
        }
        let first = try ScannedList<Item>.scan(body { "n\($0)" }, known: .none)
        #expect(first.decodedElements == (0..<count).map { Item(id: $0, name: "n\($0)") })

        // Every third object changed: the unknown ones straddle the batches' edges at other list positions.
        let known = KnownFingerprints(key: KnownFingerprints.none.key, first.fingerprints)
        let changed = try ScannedList<Item>.scan(body { $0 % 3 == 0 ? "m\($0)" : "n\($0)" }, known: known)
        #expect(changed.decodedElements == stride(from: 0, to: count, by: 3).map { Item(id: $0, name: "m\($0)") })
        #expect(changed.element(at: 3 * 1100) == Item(id: 3300, name: "m3300"))

        let badAt = 3 * 900  // the 901st unknown object: in the first batch; and one in the third
        for bad in [badAt, count - 3] {
            do {
                _ = try ScannedList<Item>.scan(
                    body({ $0 % 3 == 0 ? "m\($0)" : "n\($0)" }, id: { $0 == bad ? #""x""# : "\($0)" }), known: known)
                Issue.record("a bad object decoded")
            } catch let DecodingError.typeMismatch(_, context) {
                #expect(context.codingPath.first?.intValue == bad)
            }
        }
    }

    /// A list as it was is stepped over object by object (each checked by its fingerprint at the place the last
    /// one left off); renamed (to a name of the same length too), removed, inserted and moved objects in it must
    /// come out exactly as each object's own fingerprint and the known list say, wherever the chunks are cut.
    @Test("a known list with changes in it gives each object's own fingerprint and known position", arguments: 0..<12)
    func knownListWalk(seed: Int) throws {
        let original = (1...40).map { #"{"id":\#($0),"name":"n\#($0).example","x":{"y":[1,"}"]}}"# }
        let fingerprint = KnownListEdits.fingerprint
        let originalFingerprints = original.map(fingerprint)
        let objects = KnownListEdits.edited(original, seed: seed) { object, sameLength in
            object.replacingOccurrences(of: #":"n"#, with: sameLength ? #":"m"# : #":"longer-n"#)
        } made: { #"{"id":\#($0),"name":"n\#($0).example"}"# }
        let body = " [ " + objects.joined(separator: " ,\n") + " ] "
        let bytes = Array(body.utf8)
        for sizes in [[bytes.count], XMLScan.randomChunkSizes(count: bytes.count, largest: 1 + seed * 60, seed: UInt64(seed))] {
            var collector = ListCollector<Item>(known: KnownFingerprints(key: KnownFingerprints.none.key, originalFingerprints))
            var start = 0
            for size in sizes where start < bytes.count {
                collector.feed(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
                start += size
            }
            let list = try collector.finish()
            KnownListEdits.expectMatches(list, items: objects, original: originalFingerprints, seed: seed)
        }
    }

    @Test("whitespace or key order is a new fingerprint; the same bytes are the same one")
    func fingerprints() throws {
        let a = try ScannedList<Item>.scan(ByteBuffer(string: #"[{"id":1,"name":"a"}]"#), known: .none)
        let b = try ScannedList<Item>.scan(ByteBuffer(string: #"[ {"name":"a","id":1} ]"#), known: .none)
        let c = try ScannedList<Item>.scan(ByteBuffer(string: #"[{"id":1,"name":"a"}]"#), known: .none)
        #expect(a.fingerprints != b.fingerprints)
        #expect(a.fingerprints == c.fingerprints)
        #expect(a.decodedElements == b.decodedElements)
    }
}

@Suite("Fingerprint key")
struct FingerprintKeyTests {
    /// SipHash-1-3 with the zero key, as CPython 3.11 computes it (`PYTHONHASHSEED=0 python3 -c
    /// 'print(hex(hash(bytes(range(n)))))'`, whose string hash is SipHash-1-3 and whose key is then zero).
    @Test("SipHash-1-3 gives the values another implementation gives")
    func referenceVectors() {
        let key = FingerprintKey(k0: 0, k1: 0)
        let expected: [Int: UInt64] = [
            1: 0x68a9_1412_8e01_e473, 7: 0x2f09_8ab0_c751_325a, 8: 0xead4_11e6_7ebe_2eea, 15: 0xf30e_b725_bb91_c9ea,
            16: 0x8972_1884_33a5_c5b7, 63: 0x385d_3e39_e5f3_7359,
        ]
        for (length, value) in expected {
            let message = (0..<length).map { UInt8($0) }
            #expect(message.withUnsafeBytes { key.hash($0) } == value, "length \(length)")
        }
        #expect(Array("siphash".utf8).withUnsafeBytes { key.hash($0) } == 0x8264_ceec_cb16_bcbe)
    }

    @Test("enrichment hashes tell nil, empty and values apart, and do not depend on the process")
    func enrichment() {
        let key = FingerprintKey(k0: 1, k1: 2)
        #expect(key.hash(nil, nil) != key.hash("", nil))
        #expect(key.hash("a", nil) != key.hash(nil, "a"))
        #expect(key.hash("ab", "c") != key.hash("a", "bc"))
        #expect(key.hash("alice", "active") == FingerprintKey(k0: 1, k1: 2).hash("alice", "active"))
        #expect(key.hash("alice", nil) != FingerprintKey(k0: 1, k1: 3).hash("alice", nil))
    }
}
