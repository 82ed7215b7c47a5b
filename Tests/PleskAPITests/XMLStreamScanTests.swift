import Foundation
import NIOCore
import TestSupport
import Testing

@testable import PleskAPI

/// The XML result scanner over bodies cut anywhere, and the fingerprints that let known results go undecoded.
@Suite("XML: streaming scan")
struct XMLStreamScanTests {
    /// The spellings Plesk (or a proxy) may produce, all holding the same two subscriptions.
    static let spellings: [String] = [
        XMLPackets.subscriptions,
        XMLPackets.subscriptions.replacingOccurrences(
            of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: #"<?xml version="1.0"?>"#),
        // No declaration, a byte order mark, comments and a processing instruction between elements, an attribute
        // holding '>' and '/>', and Plesk's trailing debug output.
        "\u{FEFF}<!-- generated -->\n"
            + XMLPackets.subscriptions
            .replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
            .replacingOccurrences(of: "<webspace>", with: #"<webspace note="a > b" other='/>'><!-- <result> -->"#)
            .replacingOccurrences(of: "<get>", with: "<get><?plesk hint?>")
            .replacingOccurrences(
                of: "</webspace>", with: "</webspace><output>debug <b>text</b> &amp; more<![CDATA[<x>]]></output>")
            + "\n<!-- end -->\n",
    ]

    static func sameValues(_ list: ScannedList<PleskSubscription>) -> Bool {
        list.decodedElements == [XMLDecodingTests.example, XMLDecodingTests.muellerBau]
    }

    @Test("each spelling gives the same subscriptions", arguments: spellings.indices)
    func eachSpelling(index: Int) throws {
        #expect(Self.sameValues(try XMLScan.subscriptions(Self.spellings[index])))
    }

    @Test("byte by byte, in random chunks, or at once: the same fingerprints and values", arguments: spellings.indices)
    func chunking(index: Int) throws {
        let body = Self.spellings[index]
        let whole = try XMLScan.subscriptions(body)
        let byteByByte = try XMLScan.subscriptions(body, chunkSizes: Array(repeating: 1, count: body.utf8.count))
        #expect(byteByByte.fingerprints == whole.fingerprints)
        #expect(Self.sameValues(byteByByte))
        for seed in 0..<40 {
            let sizes = XMLScan.randomChunkSizes(count: body.utf8.count, largest: 1 + Int(seed) * 5, seed: UInt64(seed))
            let chunked = try XMLScan.subscriptions(body, chunkSizes: sizes)
            #expect(chunked.fingerprints == whole.fingerprints, "seed \(seed)")
            #expect(Self.sameValues(chunked), "seed \(seed)")
        }
    }

    /// A small packet with every construct the scanner tracks: declaration, comments, attributes holding `>` and
    /// `/>`, self-closing elements, CDATA, references, a status with blanks, an unknown element in get, output.
    static let tricky =
        #"<?xml version="1.0"?><!-- c --><packet version="1.6.9.1"><webspace a='>'><get b="/>"><?pi x?>"#
        + #"<result><status> ok </status><id>1</id><data note="--> />"><gen_info><name>a&amp;b<![CDATA[<c>]]></name>"#
        + "<status>0</status><guid>g1</guid><external-id/></gen_info><subscriptions/></data></result>\n"
        + "<other><result/></other><result><status>ok</status><id>2</id><data><gen_info><!-- x --><name>n2</name>"
        + "<status>16</status><guid>g2</guid></gen_info></data></result></get></webspace><output>x</output></packet>"

    @Test("one cut at every byte, or two, gives the same list")
    func everyCut() throws {
        let body = Self.tricky
        let whole = try XMLScan.subscriptions(body)
        #expect(whole.decodedElements.map(\.name) == ["a&b<c>", "n2"])
        let count = body.utf8.count
        for first in 0...count {
            let list = try XMLScan.subscriptions(body, chunkSizes: [first])
            #expect(list.fingerprints == whole.fingerprints, "cut at \(first)")
            #expect(list.decodedElements == whole.decodedElements, "cut at \(first)")
            for second in stride(from: 1, through: count - first, by: 37) {
                let twice = try XMLScan.subscriptions(body, chunkSizes: [first, second])
                #expect(twice.fingerprints == whole.fingerprints, "cuts at \(first), \(first + second)")
            }
        }
        let plans = try XMLScan.plans(XMLPackets.servicePlans)
        for cut in stride(from: 0, through: XMLPackets.servicePlans.utf8.count, by: 3) {
            #expect(try XMLScan.plans(XMLPackets.servicePlans, chunkSizes: [cut]).decodedElements == plans.decodedElements)
        }
    }

    @Test("the status element is recognised by the hash the scanner keeps for it")
    func statusHash() {
        let hash = "status".utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        #expect(hash == XMLPacketScanner.statusHash)
    }

    @Test("a fingerprint is that of the result element's exact bytes")
    func exactBytes() throws {
        let body = XMLPackets.subscriptions
        let start = try #require(body.range(of: "<result>"))
        let end = try #require(body.range(of: "</result>"))
        let element = Array(body[start.lowerBound..<end.upperBound].utf8)
        let expected = element.withUnsafeBytes { ObjectFingerprint(bytes: $0, key: KnownFingerprints.none.key) }
        #expect(try XMLScan.subscriptions(body).fingerprints.first == expected)
    }

    @Test("known results are not decoded; a changed one is, at its position")
    func knownResults() throws {
        let results = (1...5).map { XMLPackets.subscriptionResult(id: $0) }
        let first = try XMLScan.subscriptions(XMLPackets.webspace(results))
        #expect(first.decodedCount == 5)

        let again = try XMLScan.subscriptions(XMLPackets.webspace(results), known: XMLScan.known(first.fingerprints))
        #expect(again.fingerprints == first.fingerprints)
        #expect(again.decodedCount == 0)
        #expect((0..<5).map { again.knownPosition(at: $0) } == [0, 1, 2, 3, 4])

        var changed = results
        changed[3] = XMLPackets.subscriptionResult(id: 4, name: "renamed.example")
        let third = try XMLScan.subscriptions(
            XMLPackets.webspace(changed), known: XMLScan.known(first.fingerprints), chunkSizes: [7, 100, 3])
        #expect(third.decodedCount == 1)
        #expect(third.element(at: 3)?.name == "renamed.example")
        #expect(third.element(at: 2) == nil)
        #expect(third.knownPosition(at: 3) == nil)
        #expect(third.fingerprints[3] != first.fingerprints[3])
        #expect(third.fingerprints.enumerated().allSatisfy { $0.offset == 3 || $0.element == first.fingerprints[$0.offset] })

        // Only the bytes count: re-indenting a result makes it new.
        var respelled = results
        respelled[0] = results[0].replacingOccurrences(of: "<data>", with: "\n  <data>")
        let fourth = try XMLScan.subscriptions(XMLPackets.webspace(respelled), known: XMLScan.known(first.fingerprints))
        #expect(fourth.decodedCount == 1)
        #expect(fourth.element(at: 0) == first.decodedElements[0])
    }

    /// A list as it was is stepped over result by result (each checked by its fingerprint at the place the last
    /// one left off); renamed (to a name of the same length too), removed, inserted and moved results in it must
    /// come out exactly as each result's own fingerprint and the known list say, wherever the chunks are cut.
    @Test("a known list with changes in it gives each result's own fingerprint and known position", arguments: 0..<12)
    func knownListWalk(seed: Int) throws {
        let original = (1...40).map { XMLPackets.subscriptionResult(id: $0, name: "n\($0).example") }
        let fingerprint = KnownListEdits.fingerprint
        let originalFingerprints = original.map(fingerprint)
        let results = KnownListEdits.edited(original, seed: seed) { result, sameLength in
            result.replacingOccurrences(of: "<name>n", with: sameLength ? "<name>m" : "<name>longer-n")
        } made: { XMLPackets.subscriptionResult(id: $0, name: "n\($0).example") }
        let body = XMLPackets.webspace(results)
        let count = body.utf8.count
        for sizes in [[count], XMLScan.randomChunkSizes(count: count, largest: 1 + seed * 150, seed: UInt64(seed))] {
            let list = try XMLScan.subscriptions(
                body, known: XMLScan.known(originalFingerprints), chunkSizes: sizes)
            KnownListEdits.expectMatches(list, items: results, original: originalFingerprints, seed: seed)
        }
    }

    /// The known-list walk above passes whether or not anything is stepped over; this shows that it is, and that
    /// the scan goes on right after what it stepped over.
    @Test("a result the caller knows is stepped over: not reported, and the scan goes on after it")
    func stepOver() throws {
        let results = (1...3).map { XMLPackets.subscriptionResult(id: $0) }
        let body = Array(XMLPackets.webspace(results).utf8)
        var scanner = XMLPacketScanner(operatorName: "webspace")
        var reported: [String] = []
        try body.withUnsafeBytes { chunk in
            try scanner.feed(chunk) { rest in
                rest.starts(with: results[1].utf8) ? results[1].utf8.count : nil
            } found: { _, bytes in
                reported.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        try scanner.finish()
        #expect(reported == [results[0], results[2]])

        // Through the collector: a known list comes back as known without one result being read.
        let first = try XMLScan.subscriptions(XMLPackets.webspace(results))
        var collector = XMLResultCollector<PleskSubscription>(known: XMLScan.known(first.fingerprints))
        var matcher = ListMatcher(known: XMLScan.known(first.fingerprints))
        try collector.feed(.init(bytes: body))
        let again = try collector.finish()
        #expect(again.decodedCount == 0)
        #expect((0..<3).map { again.knownPosition(at: $0) } == [0, 1, 2])
        // The matcher alone steps over the first result and not over the second at its place.
        let range = try #require(body.firstRange(of: Array(results[0].utf8)))
        try body.withUnsafeBytes { bytes in
            let rest = UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound...])
            #expect(matcher.stepOver(rest, closing: "</result>") == results[0].utf8.count)
            #expect(matcher.stepOver(rest, closing: "</result>") == nil)
        }
    }

    @Test("a known list in another order is looked up by fingerprint")
    func reordered() throws {
        let results = (1...4).map { XMLPackets.subscriptionResult(id: $0) }
        let first = try XMLScan.subscriptions(XMLPackets.webspace(results))
        let reversed = try XMLScan.subscriptions(
            XMLPackets.webspace(results.reversed()), known: XMLScan.known(first.fingerprints))
        #expect(reversed.decodedCount == 0)
        #expect((0..<4).map { reversed.knownPosition(at: $0) } == [3, 2, 1, 0])
    }

    @Test("a get without results is an empty list", arguments: [
        "<packet><webspace><get/></webspace></packet>",
        #"<?xml version="1.0"?><packet version="1.6.9.1"><webspace><get></get></webspace></packet>"#,
        "<packet>\n  <webspace>\n    <get>\n    </get>\n  </webspace>\n</packet>\n",
        "<packet><webspace><get/></webspace><output/></packet>",
    ])
    func emptyGet(body: String) throws {
        let list = try XMLScan.subscriptions(body, chunkSizes: [1, 1, 1, 5])
        #expect(list.count == 0)
        #expect(list.decodedCount == 0)
    }

    @Test("the whole-body scan the public API offers gives the collector's list")
    func publicScan() throws {
        let list = try ScannedList<PleskSubscription>.scanXML(ByteBuffer(string: XMLPackets.subscriptions), known: .none)
        #expect(Self.sameValues(list))
        let plans = try ScannedList<PleskServicePlan>.scanXML(ByteBuffer(string: XMLPackets.servicePlans), known: .none)
        #expect(plans.decodedElements.map(\.name) == ["Business"])
    }
}
