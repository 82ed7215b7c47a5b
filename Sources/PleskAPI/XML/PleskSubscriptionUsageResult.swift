/// One result of a `webspace get` of the usage datasets (`limits`, `stat`): what ``PleskSubscription/usage`` takes
/// from them besides `gen_info`'s disk size.
struct PleskSubscriptionUsageResult: XMLResultDecodable {
    static let xmlOperator = "webspace"
    static let xmlKind = "subscription"

    var id: Int
    /// Not in these datasets: the id identifies the result.
    var guid: String { "" }
    var trafficBytes: Int64?
    var trafficPreviousDayBytes: Int64?
    var overuse: String?
    var limits: [String: Int64]

    init(xmlResult reader: XMLResultReader) throws(XMLPacketError) {
        var reader = reader
        id = try reader.requiredID()
        trafficBytes = reader.optionalInt64("data/stat/traffic")
        trafficPreviousDayBytes = reader.optionalInt64("data/stat/traffic_prevday")
        (overuse, limits) = reader.limits("data/limits")
    }

    /// `usage` with this result's limits and traffic (its disk size is `gen_info`'s).
    func apply(to usage: inout PleskSubscriptionUsage) {
        usage.trafficBytes = trafficBytes
        usage.trafficPreviousDayBytes = trafficPreviousDayBytes
        usage.overuse = overuse
        usage.limits = limits
    }
}
