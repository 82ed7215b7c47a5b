import Foundation

/// A row of the poll log.
public struct PollRecord: Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var startedAt: Date
    public var finishedAt: Date
    public var result: PollResult
    /// Failure reason label (timeout, connect, tls, auth, http, decode, limit, other).
    public var errorReason: String?
    public var errorMessage: String?
    /// Present for successful polls.
    public var counts: PollCounts?
    public var baseline: Bool
    public var eventCount: Int
    public var heldDomains: Int
    public var heldClients: Int

    public init(
        id: Int64, target: String, startedAt: Date, finishedAt: Date, result: PollResult, errorReason: String?,
        errorMessage: String?, counts: PollCounts?, baseline: Bool, eventCount: Int, heldDomains: Int, heldClients: Int
    ) {
        self.id = id
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
        self.errorReason = errorReason
        self.errorMessage = errorMessage
        self.counts = counts
        self.baseline = baseline
        self.eventCount = eventCount
        self.heldDomains = heldDomains
        self.heldClients = heldClients
    }
}
