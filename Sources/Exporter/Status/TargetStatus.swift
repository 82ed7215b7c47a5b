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

    public init(name: String, url: String, labels: [String: String]) {
        self.name = name
        self.url = url
        self.labels = labels
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
