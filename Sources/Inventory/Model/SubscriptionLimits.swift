import PleskAPI

/// A subscription's disk and traffic against its limits (`-1`, 0 or absent: unlimited).
struct SubscriptionLimits {
    var diskLimit: Int64?
    var trafficLimit: Int64?
    /// The limits exceeded, by Plesk's names, sorted.
    var exceeded: [String]

    init(_ usage: PleskSubscriptionUsage) {
        diskLimit = usage.limits["disk_space"].flatMap { $0 > 0 ? $0 : nil }
        trafficLimit = usage.limits["max_traffic"].flatMap { $0 > 0 ? $0 : nil }
        var exceeded: [String] = []
        if let diskLimit, usage.diskBytes > diskLimit { exceeded.append("disk_space") }
        if let trafficLimit, let traffic = usage.trafficBytes, traffic > trafficLimit { exceeded.append("max_traffic") }
        self.exceeded = exceeded
    }
}
