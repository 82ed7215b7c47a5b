import Foundation
import InventoryModel

/// Everything a report says about one target.
public struct TargetReport: Sendable, Hashable {
    public var target: String
    /// The counts at the period's start, or at the baseline when the target's first poll falls inside the period.
    public var start: InventoryCounts
    public var end: InventoryCounts
    /// The target's baseline, when it was recorded during the period.
    public var baseline: BaselineRecord?
    /// Every change after the start up to the end, baseline excluded, oldest first.
    public var changes: [ReportChange]
    public var topClients: TopClients
    public var polls: PollAvailability
    public var heldRemovals: HeldRemovals
    /// Every change up to the end that nobody has acknowledged yet (also older ones), oldest first.
    public var unacknowledged: [ReportChange]
    /// Counts at the start, at each midnight UTC inside the period, and at the end.
    public var daily: [DailyCount]
    /// Subscriptions and service plans; nil when the target never collected subscriptions by the period's end.
    public var subscriptions: SubscriptionReport?

    public init(
        target: String, start: InventoryCounts, end: InventoryCounts, baseline: BaselineRecord?,
        changes: [ReportChange], topClients: TopClients, polls: PollAvailability, heldRemovals: HeldRemovals,
        unacknowledged: [ReportChange], daily: [DailyCount], subscriptions: SubscriptionReport? = nil
    ) {
        self.subscriptions = subscriptions
        self.target = target
        self.start = start
        self.end = end
        self.baseline = baseline
        self.changes = changes
        self.topClients = topClients
        self.polls = polls
        self.heldRemovals = heldRemovals
        self.unacknowledged = unacknowledged
        self.daily = daily
    }

    public var netChange: CountChange { CountChange(from: start, to: end) }

    /// How many changes of a kind the period holds.
    public func count(_ kind: ObjectKind, _ change: ChangeKind) -> Int {
        changes.count { $0.kind == kind && $0.change == change }
    }

    /// Unacknowledged changes that happened during the period (the rest are older).
    public var unacknowledgedInPeriod: Int { changes.count { !$0.acknowledged } }
}

extension TargetReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case target, start, end, baseline, changes, polls, unacknowledged, daily, subscriptions
        case netChange = "net_change"
        case changeCounts = "change_counts"
        case topClients = "top_clients"
        case heldRemovals = "held_removals"
    }

    enum UnacknowledgedKeys: String, CodingKey {
        case total, changes
        case inPeriod = "in_period"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(netChange, forKey: .netChange)
        try container.encode(baseline, forKey: .baseline)
        var counts: [String: [String: Int]] = [:]
        for kind in ObjectKind.allCases {
            for change in ChangeKind.allCases {
                counts[kind.rawValue, default: [:]][change.rawValue] = count(kind, change)
            }
        }
        try container.encode(counts, forKey: .changeCounts)
        try container.encode(changes, forKey: .changes)
        try container.encode(topClients, forKey: .topClients)
        try container.encode(polls, forKey: .polls)
        try container.encode(heldRemovals, forKey: .heldRemovals)
        var unacknowledged = container.nestedContainer(keyedBy: UnacknowledgedKeys.self, forKey: .unacknowledged)
        try unacknowledged.encode(self.unacknowledged.count, forKey: .total)
        try unacknowledged.encode(unacknowledgedInPeriod, forKey: .inPeriod)
        try unacknowledged.encode(self.unacknowledged, forKey: .changes)
        try container.encode(daily, forKey: .daily)
        try container.encode(subscriptions, forKey: .subscriptions)
    }
}
