import Foundation

/// Everything a complete poll writes, applied in one transaction.
public struct CompletePoll: Sendable {
    public var target: String
    public var startedAt: Date
    public var finishedAt: Date
    public var baseline: Bool
    public var counts: PollCounts
    /// Objects new to the target (first version).
    public var added: [StoredObject]
    /// Objects whose fields changed: closes the open version and opens a new one.
    public var modified: [StoredObject]
    /// Objects gone (released by the guard or removed outright): closes the open version.
    public var removed: [(kind: ObjectKind, key: String)]
    /// The events besides those ``impliedBaselineEvents`` derives from ``added`` (which are stored first).
    public var events: [NewEvent]
    /// Baseline events left implied by the added objects; nil when every event is in ``events``.
    public var impliedBaselineEvents: ImpliedBaselineEvents?
    /// The complete set of held removals for this target after this poll (replaces the stored set).
    public var held: [HeldRemoval]
    /// The server's meta (`/api/v2/server`) as JSON, kept with the target; nil leaves the stored one as it is.
    public var serverJSON: String?
    /// What the poller remembers of this poll's objects, per kind, kept with it (kinds absent keep theirs).
    public var memory: [ObjectKind: Data] = [:]
    /// Kinds this poll collected: from now on their baseline is taken.
    public var collectedKinds: Set<ObjectKind> = [.domain, .client]
    /// Kinds this poll could not collect (their stored state is left as it was), with why.
    public var failedKinds: [ObjectKind: KindFailure] = [:]
    /// Usage of the subscriptions whose answer changed (or all, at a baseline): replaces their stored usage.
    public var usage: [SubscriptionUsageRecord] = []
    /// Subscriptions whose usage is forgotten (their removal became an event).
    public var usageRemoved: [String] = []
    /// Subscription transitions of this poll's non-baseline events, added to the stored counters.
    public var transitions: [SubscriptionTransition: Int] = [:]
    /// Subscriptions by status and plan after this poll; nil leaves the stored breakdown as it is.
    public var subscriptionBreakdown: [SubscriptionBucket]?
    /// When every subscription's limits and traffic were last read, kept with the target
    /// (``PollMemoryStore/usageReadAt(target:)``); nil leaves the stored time as it is.
    public var usageReadAt: Date?
    /// Whether ``PollWriter/commit(_:)`` returns the baseline events it stored (every other event it always does).
    public var reportsBaselineEvents = true

    public init(
        target: String, startedAt: Date, finishedAt: Date, baseline: Bool, counts: PollCounts,
        added: [StoredObject] = [], modified: [StoredObject] = [], removed: [(kind: ObjectKind, key: String)] = [],
        events: [NewEvent] = [], held: [HeldRemoval] = [], serverJSON: String? = nil
    ) {
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.baseline = baseline
        self.counts = counts
        self.added = added
        self.modified = modified
        self.removed = removed
        self.events = events
        self.held = held
        self.serverJSON = serverJSON
    }
}
