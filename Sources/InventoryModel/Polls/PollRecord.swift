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
    public var heldSubscriptions: Int
    public var heldPlans: Int
    /// Kinds a successful poll could not collect (their last state was kept), with why.
    public var failedKinds: [ObjectKind: KindFailure]

    public init(
        id: Int64, target: String, startedAt: Date, finishedAt: Date, result: PollResult, errorReason: String?,
        errorMessage: String?, counts: PollCounts?, baseline: Bool, eventCount: Int, heldDomains: Int, heldClients: Int,
        heldSubscriptions: Int = 0, heldPlans: Int = 0, failedKinds: [ObjectKind: KindFailure] = [:]
    ) {
        self.heldSubscriptions = heldSubscriptions
        self.heldPlans = heldPlans
        self.failedKinds = failedKinds
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

extension PollRecord {
    /// Removals held after this poll, of one kind.
    public func held(_ kind: ObjectKind) -> Int {
        switch kind {
        case .domain: heldDomains
        case .client: heldClients
        case .subscription: heldSubscriptions
        case .plan: heldPlans
        }
    }

    /// Whether this poll collected `kind`: a successful poll that did not fail it.
    public func collected(_ kind: ObjectKind) -> Bool {
        result == .success && failedKinds[kind] == nil
    }
}
