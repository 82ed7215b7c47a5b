import Foundation
import NIOCore
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
    /// The reference vectors of the SipHash paper (key 00…0f, messages 00, 00 01, …).
    @Test("SipHash-2-4 gives the reference values")
    func referenceVectors() {
        let key = FingerprintKey(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)
        let expected: [Int: UInt64] = [0: 0x726f_db47_dd0e_0e31, 1: 0x74f8_39c5_93dc_67fd, 8: 0x93f5_f579_9a93_2462, 15: 0xa129_ca61_49be_45e5]
        for (length, value) in expected {
            let message = (0..<length).map { UInt8($0) }
            #expect(message.withUnsafeBytes { key.hash($0) } == value, "length \(length)")
        }
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
