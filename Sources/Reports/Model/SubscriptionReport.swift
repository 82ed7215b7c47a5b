import Foundation
import InventoryModel

/// What a report says about a target's subscriptions and service plans (SPEC §15): counts by primary status and plan
/// at both ends of the period, the suspended and expired ones at the end, and the largest and fastest-growing by
/// disk. Absent (nil in ``TargetReport``) for a target that never collected subscriptions up to the period's end.
public struct SubscriptionReport: Sendable, Hashable {
    /// When subscriptions were first collected, if that was inside the period (their own baseline: switched on, or
    /// the target's first poll): the starting point of the counts, its subscriptions not listed as changes.
    public var firstCollected: Date?
    /// At the period's start (or at ``firstCollected``, or at the target's baseline inside the period).
    public var start: SubscriptionCounts
    public var end: SubscriptionCounts
    /// Subscriptions with a suspension bit set at the end, by name.
    public var suspended: [SubscriptionEntry]
    /// Subscriptions with the expired bit set at the end, by name.
    public var expired: [SubscriptionEntry]
    /// The subscriptions present at the end that use the most disk (as recorded on the end's UTC day), largest first.
    public var largest: [SubscriptionDisk]
    /// The subscriptions present at the end whose disk grew most since the start's UTC day, fastest first; only
    /// those recorded on both days and grown.
    public var fastestGrowing: [SubscriptionDisk]
    /// Whether any disk usage was recorded for the subscriptions present at the end.
    public var usageRecorded: Bool

    public init(
        firstCollected: Date?, start: SubscriptionCounts, end: SubscriptionCounts, suspended: [SubscriptionEntry],
        expired: [SubscriptionEntry], largest: [SubscriptionDisk], fastestGrowing: [SubscriptionDisk],
        usageRecorded: Bool
    ) {
        self.firstCollected = firstCollected
        self.start = start
        self.end = end
        self.suspended = suspended
        self.expired = expired
        self.largest = largest
        self.fastestGrowing = fastestGrowing
        self.usageRecorded = usageRecorded
    }

    public var netChange: SubscriptionCountChange { SubscriptionCountChange(from: start, to: end) }
}

/// A target's subscriptions at one time, broken down as `plesk_subscriptions{status,plan}` breaks them down.
public struct SubscriptionCounts: Sendable, Hashable {
    public var at: Date
    public var subscriptions: Int
    /// Service plans; nil when plans were not collected.
    public var plans: Int?
    /// Primary status (``SubscriptionStatus/primary(_:)``) → subscriptions.
    public var byStatus: [String: Int]
    /// Service plan (its name, else its guid, "" without one) → primary status → subscriptions.
    public var byPlan: [String: [String: Int]]

    public init(
        at: Date, subscriptions: Int = 0, plans: Int? = nil, byStatus: [String: Int] = [:],
        byPlan: [String: [String: Int]] = [:]
    ) {
        self.at = at
        self.subscriptions = subscriptions
        self.plans = plans
        self.byStatus = byStatus
        self.byPlan = byPlan
    }
}

/// The net change between two ``SubscriptionCounts``: every key of either side, zero where nothing moved.
public struct SubscriptionCountChange: Sendable, Hashable {
    public var subscriptions: Int
    /// Nil when plans were not collected at either end.
    public var plans: Int?
    public var byStatus: [String: Int]
    public var byPlan: [String: [String: Int]]

    public init(from start: SubscriptionCounts, to end: SubscriptionCounts) {
        subscriptions = end.subscriptions - start.subscriptions
        plans = start.plans == nil && end.plans == nil ? nil : (end.plans ?? 0) - (start.plans ?? 0)
        byStatus = CountChange.difference(start.byStatus, end.byStatus)
        var byPlan: [String: [String: Int]] = [:]
        for plan in Set(start.byPlan.keys).union(end.byPlan.keys) {
            byPlan[plan] = CountChange.difference(start.byPlan[plan] ?? [:], end.byPlan[plan] ?? [:])
        }
        self.byPlan = byPlan
    }
}

/// One subscription as the suspended and expired lists name it.
public struct SubscriptionEntry: Sendable, Hashable {
    /// The Plesk guid (or `id:<n>`).
    public var key: String
    /// The subscription's domain name.
    public var name: String
    /// Service plan label, "" without one.
    public var plan: String
    /// The owner's login, when known.
    public var owner: String?
    /// Every state that holds (`expired`, `suspended_by_admin`, …).
    public var states: [String]

    public init(key: String, name: String, plan: String, owner: String?, states: [String]) {
        self.key = key
        self.name = name
        self.plan = plan
        self.owner = owner
        self.states = states
    }
}

/// One subscription's disk usage: at the end, and how much it changed since the start.
public struct SubscriptionDisk: Sendable, Hashable {
    public var key: String
    public var name: String
    public var plan: String
    /// Bytes on disk as recorded on the end's UTC day (the last value of that day, or of the latest day before it).
    public var diskBytes: Int64
    /// `diskBytes` minus the bytes recorded on the start's UTC day (or the latest day before it); nil when none was.
    public var growthBytes: Int64?

    public init(key: String, name: String, plan: String, diskBytes: Int64, growthBytes: Int64?) {
        self.key = key
        self.name = name
        self.plan = plan
        self.diskBytes = diskBytes
        self.growthBytes = growthBytes
    }
}

// MARK: JSON

extension SubscriptionReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case start, end, suspended, expired
        case firstCollected = "first_collected"
        case netChange = "net_change"
        case largest = "largest_by_disk"
        case fastestGrowing = "fastest_growing_by_disk"
        case usageRecorded = "usage_recorded"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(firstCollected.map(ReportText.rfc3339), forKey: .firstCollected)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(netChange, forKey: .netChange)
        try container.encode(suspended, forKey: .suspended)
        try container.encode(expired, forKey: .expired)
        try container.encode(usageRecorded, forKey: .usageRecorded)
        try container.encode(largest, forKey: .largest)
        try container.encode(fastestGrowing, forKey: .fastestGrowing)
    }
}

extension SubscriptionCounts: Encodable {
    enum CodingKeys: String, CodingKey {
        case at, subscriptions, plans
        case byStatus = "subscriptions_by_status"
        case byPlan = "subscriptions_by_plan"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ReportText.rfc3339(at), forKey: .at)
        try container.encode(subscriptions, forKey: .subscriptions)
        try container.encode(plans, forKey: .plans)
        try container.encode(byStatus, forKey: .byStatus)
        try container.encode(byPlan, forKey: .byPlan)
    }
}

extension SubscriptionCountChange: Encodable {
    enum CodingKeys: String, CodingKey {
        case subscriptions, plans
        case byStatus = "subscriptions_by_status"
        case byPlan = "subscriptions_by_plan"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subscriptions, forKey: .subscriptions)
        try container.encode(plans, forKey: .plans)
        try container.encode(byStatus, forKey: .byStatus)
        try container.encode(byPlan, forKey: .byPlan)
    }
}

extension SubscriptionEntry: Encodable {
    enum CodingKeys: String, CodingKey { case key, name, plan, owner, states }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(plan, forKey: .plan)
        try container.encode(owner, forKey: .owner)
        try container.encode(states, forKey: .states)
    }
}

extension SubscriptionDisk: Encodable {
    enum CodingKeys: String, CodingKey {
        case key, name, plan
        case diskBytes = "disk_bytes"
        case growthBytes = "growth_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(plan, forKey: .plan)
        try container.encode(diskBytes, forKey: .diskBytes)
        try container.encode(growthBytes, forKey: .growthBytes)
    }
}
