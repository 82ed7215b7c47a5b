import Foundation
import Testing

@testable import PleskAPI

/// The XML API results decoded into the wire models: the reference's exact packets, and every way a value is spelt.
@Suite("XML: decoding")
struct XMLDecodingTests {
    static let example = PleskSubscription(
        id: 1, guid: "006389ab-0cb7-4bb3-a6d0-7e843c78cca0", name: "example.com", asciiName: "example.com",
        created: "2021-03-14", status: 0, ownerID: 1, ownerLogin: "admin", hostingType: "vrt_hst", externalID: nil,
        planGUIDs: ["3991a908-1994-45bf-a71b-10c4449a1f13"], locked: false, synchronized: true,
        usage: PleskSubscriptionUsage(
            diskBytes: 734_003_200, trafficBytes: 5_896_615_637, trafficPreviousDayBytes: 152_562_874,
            overuse: "block",
            limits: ["max_site": 5, "disk_space": 10_737_418_240, "max_traffic": -1, "expiration": -1]))

    static let muellerBau = PleskSubscription(
        id: 2, guid: "da7a333c-b56a-47e2-adad-67a142c0b890", name: "müller-bau.de", asciiName: "xn--mller-bau-q9a.de",
        created: "2019-11-02", status: 272, ownerID: 7, ownerLogin: nil, hostingType: "vrt_hst",
        externalID: "whmcs-1c023193", planGUIDs: [], locked: nil, synchronized: nil,
        usage: PleskSubscriptionUsage(
            diskBytes: 0, trafficBytes: 0, trafficPreviousDayBytes: 0, overuse: "normal",
            limits: ["disk_space": 1_073_741_824, "expiration": 1_738_281_600]))

    @Test("the reference's webspace get response (§2.6) decodes to its two subscriptions")
    func referenceSubscriptions() throws {
        let list = try XMLScan.subscriptions(XMLPackets.subscriptions)
        #expect(list.count == 2)
        #expect(list.decodedElements == [Self.example, Self.muellerBau])
    }

    @Test("the reference's service-plan get response (§3) decodes to its plan")
    func referenceServicePlans() throws {
        let list = try XMLScan.plans(XMLPackets.servicePlans)
        #expect(
            list.decodedElements == [
                PleskServicePlan(
                    id: 3, guid: "3991a908-1994-45bf-a71b-10c4449a1f13", name: "Business", externalID: nil, ownerID: 1,
                    ownerLogin: nil, overuse: "block", limits: ["disk_space": 10_737_418_240, "max_site": 5])
            ])
    }

    @Test("entities, numeric references, CDATA, comments and attributes are read as XML reads them")
    func textSpellings() throws {
        let name = "<name a=\"x>y\" b='1'>a &amp; b &lt;c&gt; &#252;&#xFC; <!-- note --><![CDATA[<&>]]>&quot;&apos;</name>"
        let body = XMLPackets.webspace([
            XMLPackets.subscriptionResult(id: 5).replacingOccurrences(of: "<name>site.example</name>", with: name)
        ])
        let subscription = try #require(try XMLScan.subscriptions(body).decodedElements.first)
        #expect(subscription.name == "a & b <c> üü <&>\"'")
    }

    @Test("IDN names in UTF-8, integers above 2^31, and non-integer limits left out")
    func valueRanges() throws {
        let extra =
            "<limits><overuse>not_suspend</overuse>"
            + "<limit><name>disk_space</name><value>9223372036854775807</value></limit>"
            + "<limit><name>max_traffic</name><value>unlimited</value></limit>"
            + "<limit><name>max_site</name><value>-1</value></limit></limits>"
            + "<stat><traffic>3000000000</traffic><traffic_prevday>x</traffic_prevday></stat>"
        let body = XMLPackets.webspace([
            XMLPackets.subscriptionResult(id: 3_000_000_000, name: "bücher.例え.jp", status: "4294967296", extra: extra)
        ])
        let subscription = try #require(try XMLScan.subscriptions(body).decodedElements.first)
        #expect(subscription.id == 3_000_000_000)
        #expect(subscription.name == "bücher.例え.jp")
        #expect(subscription.status == 4_294_967_296)
        #expect(subscription.usage.diskBytes == 3_000_000_000_000)
        #expect(subscription.usage.limits == ["disk_space": Int64.max, "max_site": -1])
        #expect(subscription.usage.overuse == "not_suspend")
        #expect(subscription.usage.trafficBytes == 3_000_000_000)
        #expect(subscription.usage.trafficPreviousDayBytes == nil)
    }

    @Test("every plan guid in order, locked and synchronized as booleans")
    func plans() throws {
        let subscriptions =
            "<subscriptions><subscription><locked>true</locked><synchronized>false</synchronized>"
            + "<plan><plan-guid>service</plan-guid></plan>"
            + "<plan><plan-guid>addon-1</plan-guid><plan-external-id>x</plan-external-id></plan>"
            + "<plan><plan-guid>addon-2</plan-guid></plan></subscription></subscriptions>"
        let body = XMLPackets.webspace([
            XMLPackets.subscriptionResult(id: 1).replacingOccurrences(of: "<subscriptions/>", with: subscriptions)
        ])
        let subscription = try #require(try XMLScan.subscriptions(body).decodedElements.first)
        #expect(subscription.planGUIDs == ["service", "addon-1", "addon-2"])
        #expect(subscription.locked == true)
        #expect(subscription.synchronized == false)
    }

    @Test("a compact result without the optional datasets: empty or nil, never a failure")
    func optionalFieldsAbsent() throws {
        let body = XMLPackets.webspace([
            "<result><status>ok</status><id>9</id><data><gen_info><name>n.example</name><status>16</status>"
                + "<guid>g-9</guid><external-id></external-id><owner-id>x</owner-id></gen_info></data></result>"
        ])
        let subscription = try #require(try XMLScan.subscriptions(body).decodedElements.first)
        #expect(
            subscription
                == PleskSubscription(
                    id: 9, guid: "g-9", name: "n.example", asciiName: "", created: "", status: 16, ownerID: nil,
                    ownerLogin: nil, hostingType: "", externalID: nil, planGUIDs: [], locked: nil, synchronized: nil,
                    usage: PleskSubscriptionUsage(diskBytes: 0)))
    }

    @Test("unknown elements, attributes and blocks are ignored, in the result and in get")
    func unknownElements() throws {
        let extra =
            #"<hosting><vrt_hst><property><name>ftp_login</name><value>u</value></property></vrt_hst></hosting>"#
            + #"<new-block attribute="1"><deep><deeper/></deep></new-block><disk_usage><httpdocs>1</httpdocs></disk_usage>"#
        let body = XMLPackets.webspace([
            "<future-thing><result><status>ok</status></result></future-thing>",
            XMLPackets.subscriptionResult(id: 4, extra: extra).replacingOccurrences(
                of: "<filter-id>4</filter-id>", with: "<filter-id>4</filter-id><vendor-note kind='x'/>"),
        ])
        let list = try XMLScan.subscriptions(body)
        #expect(list.count == 1)
        #expect(list.decodedElements.first?.id == 4)
    }

    static let missingFields: [(result: String, field: String, id: String?)] = [
        ("<result><status>ok</status><data><gen_info><name>n</name><status>0</status><guid>g</guid></gen_info></data></result>", "id", nil),
        ("<result><status>ok</status><id>x7</id><data><gen_info><name>n</name><status>0</status><guid>g</guid></gen_info></data></result>", "id", nil),
        ("<result><status>ok</status><id>7</id><data><gen_info><status>0</status><guid>g</guid></gen_info></data></result>", "data/gen_info/name", "7"),
        ("<result><status>ok</status><id>7</id><data><gen_info><name>n</name><status>0</status></gen_info></data></result>", "data/gen_info/guid", "7"),
        ("<result><status>ok</status><id>7</id><data><gen_info><name>n</name><status>0</status><guid/></gen_info></data></result>", "data/gen_info/guid", "7"),
        ("<result><status>ok</status><id>7</id><data><gen_info><name>n</name><guid>g</guid></gen_info></data></result>", "data/gen_info/status", "7"),
        ("<result><status>ok</status><id>7</id><data><gen_info><name>n</name><status>active</status><guid>g</guid></gen_info></data></result>", "data/gen_info/status", "7"),
        ("<result><status>ok</status><id>7</id></result>", "data/gen_info/name", "7"),
        ("<result><id>7</id></result>", "status", nil),
    ]

    @Test("a missing or malformed required subscription field is decode, naming the field and the id",
          arguments: missingFields.indices)
    func missingSubscriptionField(index: Int) throws {
        let (result, field, id) = Self.missingFields[index]
        let body = XMLPackets.webspace([XMLPackets.subscriptionResult(id: 1), result])
        let error = try #require(XMLScan.failure(PleskSubscription.self, body))
        #expect(error.reason == .decode)
        #expect(error.detail.contains(field), "\(error)")
        #expect(error.detail.contains("result 1"), "\(error)")
        if let id { #expect(error.detail.contains("subscription id \(id)"), "\(error)") }
        #expect(!error.detail.contains("active") && !error.detail.contains("x7"), "values stay out: \(error)")
    }

    @Test("a missing required plan field is decode, naming the field and the id",
          arguments: [("id", "<name>n</name><guid>g</guid>"), ("name", "<id>5</id><guid>g</guid>"), ("guid", "<id>5</id><name>n</name>")])
    func missingPlanField(field: String, fields: String) throws {
        let body = "<packet><service-plan><get><result><status>ok</status>\(fields)</result></get></service-plan></packet>"
        let error = try #require(XMLScan.failure(PleskServicePlan.self, body))
        #expect(error.reason == .decode)
        #expect(error.detail.contains("required field \(field)"), "\(error)")
        if field != "id" { #expect(error.detail.contains("service plan id 5"), "\(error)") }
    }

    @Test("two decoded results with the same guid, or the same id, are decode",
          arguments: [(1, "same", 2, "same"), (1, "a", 1, "b")])
    func duplicates(firstID: Int, firstGUID: String, secondID: Int, secondGUID: String) throws {
        let body = XMLPackets.webspace([
            XMLPackets.subscriptionResult(id: firstID, guid: firstGUID),
            XMLPackets.subscriptionResult(id: secondID, guid: secondGUID),
        ])
        let error = try #require(XMLScan.failure(PleskSubscription.self, body))
        #expect(error.reason == .decode)
        #expect(error.detail.contains("twice"), "\(error)")
    }
}
