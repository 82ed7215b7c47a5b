/// The latest measured usage of one subscription: never an event, kept per subscription and overwritten when the
/// subscription's answer changes.
public struct SubscriptionUsageRecord: Sendable, Hashable, Codable {
    /// The subscription's key (guid).
    public var key: String
    public var name: String
    /// The service plan's name (or guid), "" without one.
    public var plan: String
    public var diskBytes: Int64
    public var trafficBytes: Int64?
    /// `disk_space` limit in bytes; nil when unlimited or not set.
    public var diskLimitBytes: Int64?
    /// `max_traffic` limit in bytes; nil when unlimited or not set.
    public var trafficLimitBytes: Int64?
    /// The limits exceeded (`disk_space`, `max_traffic`), sorted; empty when none.
    public var overLimits: [String]

    public init(
        key: String, name: String, plan: String, diskBytes: Int64, trafficBytes: Int64?, diskLimitBytes: Int64?,
        trafficLimitBytes: Int64?, overLimits: [String]
    ) {
        self.key = key
        self.name = name
        self.plan = plan
        self.diskBytes = diskBytes
        self.trafficBytes = trafficBytes
        self.diskLimitBytes = diskLimitBytes
        self.trafficLimitBytes = trafficLimitBytes
        self.overLimits = overLimits
    }
}
