extension PleskSubscription: XMLResultDecodable {
    static let xmlOperator = "webspace"
    static let xmlKind = "subscription"

    /// From `result/id` and `data/gen_info`, `data/subscriptions`, `data/limits`, `data/stat`; unknown elements are
    /// ignored. id, name, guid and status are required; the rest is read leniently (absent → empty or nil).
    init(xmlResult reader: XMLResultReader) throws(XMLPacketError) {
        var reader = reader
        let id = try reader.requiredID()
        let name = try reader.required("data/gen_info/name")
        let guid = try reader.required("data/gen_info/guid")
        let status = try reader.requiredInt("data/gen_info/status")
        let plans = reader.result.descendant("data/subscriptions")?.children("subscription") ?? []
        let (overuse, limits) = reader.limits("data/limits")
        self.init(
            id: id, guid: guid, name: name, asciiName: reader.optional("data/gen_info/ascii-name") ?? "",
            created: reader.optional("data/gen_info/cr_date") ?? "", status: status,
            ownerID: reader.optional("data/gen_info/owner-id").flatMap { Int($0) },
            ownerLogin: reader.optional("data/gen_info/owner-login"),
            hostingType: reader.optional("data/gen_info/htype") ?? "",
            externalID: reader.optional("data/gen_info/external-id"),
            planGUIDs: plans.flatMap { $0.children("plan") }.compactMap { plan in
                plan.child("plan-guid").map(\.value).flatMap { $0.isEmpty ? nil : $0 }
            },
            locked: plans.first?.child("locked").flatMap { Self.bool($0.value) },
            synchronized: plans.first?.child("synchronized").flatMap { Self.bool($0.value) },
            usage: PleskSubscriptionUsage(
                diskBytes: reader.optionalInt64("data/gen_info/real_size") ?? 0,
                trafficBytes: reader.optionalInt64("data/stat/traffic"),
                trafficPreviousDayBytes: reader.optionalInt64("data/stat/traffic_prevday"),
                overuse: overuse, limits: limits))
    }

    private static func bool(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }
}
