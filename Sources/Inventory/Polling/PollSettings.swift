/// How one target is polled.
public struct PollSettings: Sendable, Hashable {
    public var interval: Duration
    /// Each wait is the interval ± this fraction, so many targets do not poll in lockstep.
    public var jitterFraction: Double
    /// Enrichment requests in flight at once for this target.
    public var concurrency: Int
    public var collectOwners: Bool
    /// The full owner map (one call per client) is rebuilt at most this often.
    public var ownersRefresh: Duration
    public var collectDomainStatus: Bool
    public var collectClientStatistics: Bool
    public var removalGuard: RemovalGuard
    /// Subscriptions through the XML API (`collect.subscriptions`).
    public var collectSubscriptions: Bool
    /// Service plans through the XML API (`collect.service_plans`).
    public var collectServicePlans: Bool
    /// Every subscription's limits and traffic are read at most this often (`collect.usage_refresh`); in between only
    /// those of subscriptions that are new or changed (their disk size included).
    public var usageRefresh: Duration
    /// Whether a poll's report carries its baseline events (``PollReport/events``): `poll` prints them; `serve`
    /// reads only the changes, and at 100,000 objects they are 21 MB at the end of the baseline's commit.
    public var reportsBaselineEvents = true

    public init(
        interval: Duration = .seconds(300), jitterFraction: Double = 0.1, concurrency: Int = 4,
        collectOwners: Bool = true, ownersRefresh: Duration = .seconds(3600), collectDomainStatus: Bool = false,
        collectClientStatistics: Bool = false, removalGuard: RemovalGuard = .init(), collectSubscriptions: Bool = true,
        collectServicePlans: Bool = true, usageRefresh: Duration = .seconds(3600)
    ) {
        self.usageRefresh = usageRefresh
        self.collectSubscriptions = collectSubscriptions
        self.collectServicePlans = collectServicePlans
        self.interval = interval
        self.jitterFraction = jitterFraction
        self.concurrency = concurrency
        self.collectOwners = collectOwners
        self.ownersRefresh = ownersRefresh
        self.collectDomainStatus = collectDomainStatus
        self.collectClientStatistics = collectClientStatistics
        self.removalGuard = removalGuard
    }
}
