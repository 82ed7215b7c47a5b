import Foundation
import Testing

@testable import PleskAPI

/// Every way an XML API answer fails, and its class: Plesk's own errors by `errcode`, and bodies that are not the
/// packet expected.
@Suite("XML: error classification")
struct XMLErrorTests {
    @Test(
        "a system error packet is classified by its errcode",
        arguments: [
            (1001, PleskAPIError.Reason.auth), (11003, .auth), (1029, .auth), (1006, .refused), (1014, .api),
            (1023, .api), (1005, .api), (1003, .api),
        ])
    func systemCodes(code: Int, reason: PleskAPIError.Reason) throws {
        let error = try #require(XMLScan.failure(PleskSubscription.self, XMLPackets.system(code: code)))
        #expect(error.reason == reason)
        #expect(error.pleskCode == code)
        #expect(error.detail.contains("Plesk error \(code)"), "\(error)")
    }

    @Test("the reference's 1029 answer (§1) is auth, for either operator")
    func reference1029() throws {
        for error in [
            XMLScan.failure(PleskSubscription.self, XMLPackets.system1029),
            XMLScan.failure(PleskServicePlan.self, XMLPackets.system1029),
        ] {
            #expect(error?.reason == .auth)
            #expect(error?.pleskCode == 1029)
            #expect(error?.detail.contains("Authentication method is not specified") == true)
        }
    }

    @Test("errcode decides, never errtext")
    func codeNotText() throws {
        let auth = XMLScan.failure(PleskSubscription.self, XMLPackets.system(code: 1001, text: "Permission denied"))
        #expect(auth?.reason == .auth)
        let refused = XMLScan.failure(
            PleskSubscription.self, XMLPackets.system(code: 1006, text: "Authentication failed - wrong password."))
        #expect(refused?.reason == .refused)
        let other = XMLScan.failure(PleskSubscription.self, XMLPackets.system(code: 4242, text: "Permission denied"))
        #expect(other?.reason == .api)
        let noCode = XMLScan.failure(
            PleskSubscription.self,
            "<packet><system><status>error</status><errtext>Permission denied</errtext></system></packet>")
        #expect(noCode?.reason == .api)
        #expect(noCode?.pleskCode == nil)
    }

    @Test("refused tells the operator what to change on the Plesk side")
    func refusedAdvice() throws {
        let error = try #require(XMLScan.failure(PleskServicePlan.self, XMLPackets.system(code: 1006)))
        #expect(error.detail.contains("Restrict Access via API"))
        #expect(error.detail.contains("allowedIPs"))
        #expect(error.detail.contains("enable the API"))
    }

    @Test("a long errtext is cut short, on one line")
    func longErrtext() throws {
        let text = String(repeating: "word\n", count: 400)
        let error = try #require(XMLScan.failure(PleskSubscription.self, XMLPackets.system(code: 1023, text: text)))
        #expect(error.detail.count < 400)
        #expect(!error.detail.contains("\n"))
        #expect(error.detail.contains("…"))
    }

    @Test("the reference's error result (§2.4) is api with its code")
    func referenceErrorResult() throws {
        let error = try #require(XMLScan.failure(PleskSubscription.self, XMLPackets.result1013))
        #expect(error.reason == .api)
        #expect(error.pleskCode == 1013)
        #expect(error.detail.contains("Object not found."))
        #expect(error.detail.contains("subscription id 1234"))
    }

    @Test("an error result anywhere fails the whole list, even among known results", arguments: [0, 1, 2])
    func errorResultAnywhere(position: Int) throws {
        var results = (1...2).map { XMLPackets.subscriptionResult(id: $0) }
        let errorResult =
            "<result><status>error</status><errcode>1023</errcode><errtext>Operation failed.</errtext><id>9</id></result>"
        let known = try XMLScan.subscriptions(XMLPackets.webspace(results)).fingerprints
        results.insert(errorResult, at: position)
        let body = XMLPackets.webspace(results)
        let error = XMLScan.failure(PleskSubscription.self, body, known: XMLScan.known(known))
        #expect(error?.reason == .api)
        #expect(error?.pleskCode == 1023)

        // Even when the error result's own fingerprint is (somehow) known: its status is read before the lookup.
        let errorBytes = Array(errorResult.utf8)
        let errorFingerprint = errorBytes.withUnsafeBytes {
            ObjectFingerprint(bytes: $0, key: KnownFingerprints.none.key)
        }
        let stillFails = XMLScan.failure(
            PleskSubscription.self, body, known: XMLScan.known(known + [errorFingerprint]), chunkSizes: [3, 11])
        #expect(stillFails?.reason == .api)
    }

    @Test("a status that is not plain ok is decoded: a spelled-out ok passes, anything else fails")
    func statusSpellings() throws {
        let spelled = XMLPackets.subscriptionResult(id: 1).replacingOccurrences(
            of: "<status>ok</status>", with: "<status><![CDATA[ok]]></status>")
        let known = try XMLScan.subscriptions(XMLPackets.webspace([spelled])).fingerprints
        #expect(try XMLScan.subscriptions(XMLPackets.webspace([spelled]), known: XMLScan.known(known)).count == 1)

        let warning = XMLPackets.subscriptionResult(id: 1).replacingOccurrences(
            of: "<status>ok</status>", with: "<status>warning</status>")
        #expect(XMLScan.failure(PleskSubscription.self, XMLPackets.webspace([warning]))?.reason == .decode)
    }

    static let malformed: [(String, String)] = [
        ("", "no element"),
        (" \n ", "no element"),
        (#"{"data": []}"#, "not XML"),
        ("<html><head><title>404 Not Found</title></head><body>Not found</body></html>", "<html>"),
        ("<!DOCTYPE html><html><body>Login</body></html>", "DOCTYPE"),
        ("<packet><customer><get/></customer></packet>", "<customer>"),
        ("<packet><webspace><add/></webspace></packet>", "<add>"),
        ("<packet/>", "no <webspace><get>"),
        ("<packet><webspace/></packet>", "no <webspace><get>"),
        ("<packet><webspace><get/></webspace></packet><packet/>", "after the end"),
        ("<packet><webspace><get/></webspace></packet>trailing", "after the end"),
        ("<packet><webspace><get></webspace></get></packet>", "does not match"),
        ("<packet><webspace><get><result><status>ok</status></get></webspace></packet>", "does not match"),
        ("<packet>text<webspace><get/></webspace></packet>", "text outside"),
        ("<packet><webspace><get/></webspace>", "truncated"),
        ("<packet><webspace><get/></webspace></packet", "truncated"),
        ("<packet><webspace><get/></webspace><!-- x", "truncated"),
        (#"<?xml version="1.0" encoding="ISO-8859-1"?><packet><webspace><get/></webspace></packet>"#, "only UTF-8"),
        ("<packet><webspace><get><result a=\"<\"/></get></webspace></packet>", "malformed"),
        ("<packet><webspace><get>< result/></get></webspace></packet>", "malformed"),
        ("<packet><![CDATA[x]]><webspace><get/></webspace></packet>", "character data"),
    ]

    @Test("a body that is not the packet expected is decode", arguments: malformed.indices)
    func malformedBodies(index: Int) throws {
        let (body, words) = Self.malformed[index]
        let error = try #require(XMLScan.failure(PleskSubscription.self, body, chunkSizes: [2, 3]))
        #expect(error.reason == .decode, "\(error)")
        #expect(error.pleskCode == nil)
        #expect(error.detail.contains(words), "\(error)")
    }

    @Test("a result that is not well-formed XML is decode", arguments: [
        "<result><status>ok</status><id>1</id><data><gen_info><name>a &nbsp; b</name></gen_info></data></result>",
        "<result><status>ok</status><id>1</id><data><gen_info><name>a & b</name></gen_info></data></result>",
        "<result><status>ok</status><id>1</id><data><gen_info><name>a &#0; b</name></gen_info></data></result>",
        "<result><status>ok</status><id>1</id><data><gen_info><name>\u{FFFF}</name></gen_info></data></result>"
            .replacingOccurrences(of: "\u{FFFF}", with: "&#xD800;"),
        "<result><status>ok</status><id>1</id><data><gen_info><name x=1>n</name></gen_info></data></result>",
        // Deep inside a result the scanner follows the depth only: the decoder finds the wrong end tag.
        "<result><status>ok</status><id>1</id><data><gen_info><name>n</guid></gen_info></data></result>",
        "<result><status>ok</status><id>1</id><data><gen_info><name>n</name></data></gen_info></result>",
    ])
    func malformedResult(result: String) throws {
        let error = try #require(XMLScan.failure(PleskSubscription.self, XMLPackets.webspace([result])))
        #expect(error.reason == .decode, "\(error)")
        #expect(error.detail.contains("not well-formed"), "\(error)")
    }

    @Test("a name that is not UTF-8 is decode")
    func invalidUTF8() throws {
        var bytes = Array(XMLPackets.webspace([XMLPackets.subscriptionResult(id: 1, name: "ab")]).utf8)
        let range = try #require(bytes.firstRange(of: Array("<name>ab".utf8)))
        bytes[range.upperBound - 1] = 0xFF
        var collector = XMLResultCollector<PleskSubscription>(known: .none)
        #expect(throws: XMLPacketError.self) {
            try collector.feed(.init(bytes: bytes))
            _ = try collector.finish()
        }
    }

    @Test("every truncation of a packet is decode: a partial list is never returned")
    func everyTruncation() throws {
        let bytes = Array(XMLPackets.subscriptions.utf8)
        for length in 0..<bytes.count {
            let prefix = String(decoding: bytes[..<length], as: UTF8.self)
            guard String(decoding: Array(prefix.utf8), as: UTF8.self).utf8.count == length else { continue }
            let error = XMLScan.failure(PleskSubscription.self, prefix)
            #expect(error?.reason == .decode, "cut at \(length): \(String(describing: error))")
        }
    }

    @Test("a webspace answer is refused where plans are expected, and the other way round")
    func wrongOperator() throws {
        #expect(XMLScan.failure(PleskServicePlan.self, XMLPackets.subscriptions)?.detail.contains("<webspace>") == true)
        #expect(XMLScan.failure(PleskSubscription.self, XMLPackets.servicePlans)?.reason == .decode)
    }
}
