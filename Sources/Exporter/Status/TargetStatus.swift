import Foundation
import PleskAPI
import InventoryModel

/// What the exporter knows about one configured target: restored from the store at start, updated by every poll.
public struct TargetStatus: Sendable {
    public var name: String
    /// The configured URL without credentials or query.
    public var url: String
    /// The target's configured `labels:`.
    public var labels: [String: String]
    public var lastPoll: PollRecord?
    public var lastSuccess: PollRecord?
    public var baselineAt: Date?
    /// Known only after a poll in this process.
    public var serverInfo: PleskServerInfo?
    /// `plesk_domain_info` samples for this target, rendered once per successful poll
    /// (only with `metrics.domain_info`).
    var domainInfoSamples: [UInt8] = []
    /// `plesk_client_statistics` samples of the last successful poll (only with `collect.client_statistics`).
    var clientStatisticsSamples: [UInt8] = []
    /// The kinds this target's polls collect (`collect.subscriptions`, `collect.service_plans`).
    public var collectedKinds: [ObjectKind]
    /// Subscriptions by status and plan after the last poll that collected them.
    public var subscriptionBreakdown: [SubscriptionBucket] = []
    /// Subscriptions over a limit, at most ``ExporterStatus/overLimitInfoLimit``, by name.
    public var overLimit: [SubscriptionUsageRecord] = []
    /// Per-subscription usage samples, one buffer per family of ``InventoryMetrics/subscriptionUsageFamilies``
    /// (only with `metrics.subscription_usage`).
    var usageSamples: [[UInt8]] = []

    public init(
        name: String, url: String, labels: [String: String],
        collectedKinds: [ObjectKind] = [.domain, .client, .subscription, .plan]
    ) {
        self.name = name
        self.url = url
        self.labels = labels
        self.collectedKinds = collectedKinds
    }

    /// Whether the last poll collected `kind`: nil for a kind the target does not collect.
    public func collectUp(_ kind: ObjectKind) -> Bool? {
        guard collectedKinds.contains(kind) else { return nil }
        return lastPoll?.collected(kind) ?? false
    }

    /// Why the last poll did not collect `kind` (the whole poll's error, or the kind's own), nil when it did.
    public func collectError(_ kind: ObjectKind) -> KindFailure? {
        guard let lastPoll, collectedKinds.contains(kind) else { return nil }
        if let failure = lastPoll.failedKinds[kind] { return failure }
        guard lastPoll.result == .failure else { return nil }
        return KindFailure(reason: lastPoll.errorReason ?? "other", message: lastPoll.errorMessage ?? "")
    }

    /// The last poll succeeded. False when it failed or when the target was never polled.
    public var up: Bool { lastPoll?.result == .success }

    /// The failure of the last poll; nil when it succeeded or never happened.
    public var lastError: (reason: String, message: String)? {
        guard let lastPoll, lastPoll.result == .failure else { return nil }
        return (lastPoll.errorReason ?? "other", lastPoll.errorMessage ?? "")
    }

    /// Counts of the last successful poll (the last known inventory; a failed poll leaves it as it was).
    public var counts: PollCounts? { lastSuccess?.counts }

    /// `target` first, then the configured labels sorted by name: the label prefix of every series of this target.
    var metricLabels: [(String, String)] {
        [("target", name)] + labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
