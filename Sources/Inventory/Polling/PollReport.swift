import Foundation
import PleskAPI
import InventoryModel

/// What one poll of one target did, for metrics, logs and the CLI.
public struct PollReport: Sendable {
    public var target: String
    public var startedAt: Date
    public var finishedAt: Date
    /// The stored poll row.
    public var poll: PollRecord
    /// Set when the poll failed: nothing but the poll row was written.
    public var error: PleskAPIError?
    /// Events written by this poll; baseline events only with ``PollSettings/reportsBaselineEvents`` (the poll row's
    /// `eventCount` counts them all).
    public var events: [EventRecord]
    /// Last known server meta (kept from an earlier poll when `/server` failed this time).
    public var serverInfo: PleskServerInfo?
    /// Enrichment calls that failed (they never fail the poll).
    public var enrichmentFailures: Int
    /// Per-client statistics when `client_statistics` is collected, keyed by client login.
    public var clientStatistics: [String: PleskClientStatistics]
    /// Where a complete poll spent its time (zero for a failed one).
    public var phases = PollPhases()
    /// Kinds a complete poll could not collect (their last state was kept), with the error.
    public var failedKinds: [ObjectKind: PleskAPIError] = [:]
    /// Subscriptions by status and plan, when this poll collected them and they or the plans changed (nil: as
    /// before).
    public var subscriptionBreakdown: [SubscriptionBucket]?

    public var succeeded: Bool { error == nil }
    public var duration: TimeInterval { finishedAt.timeIntervalSince(startedAt) }

    public init(
        target: String, startedAt: Date, finishedAt: Date, poll: PollRecord, error: PleskAPIError?,
        events: [EventRecord], serverInfo: PleskServerInfo?, enrichmentFailures: Int,
        clientStatistics: [String: PleskClientStatistics]
    ) {
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.poll = poll
        self.error = error
        self.events = events
        self.serverInfo = serverInfo
        self.enrichmentFailures = enrichmentFailures
        self.clientStatistics = clientStatistics
    }
}

/// Receives every finished poll (the exporter's metrics and status implement it).
public protocol PollListener: Sendable {
    func pollFinished(_ report: PollReport) async
}
