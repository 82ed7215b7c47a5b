/// What to collect from a target beyond the domain and client lists (`targets[].collect`).
public struct CollectSettings: Sendable, Hashable {
    /// Record which client owns each domain.
    public var owners: Bool
    /// Fetch the full owner map at most this often; `0` means on every poll.
    public var ownersRefresh: Duration
    /// Fetch `/domains/{id}/status` for every domain.
    public var domainStatus: Bool
    /// Fetch per-client statistics.
    public var clientStatistics: Bool
    /// Read subscriptions through the XML API (one `webspace get` per poll, and one for the limits and traffic of
    /// subscriptions that are new or changed).
    public var subscriptions: Bool
    /// Read service plans through the XML API (one `service-plan get` per poll).
    public var servicePlans: Bool
    /// Read every subscription's limits and traffic at most this often; `0` means on every poll.
    public var usageRefresh: Duration

    public init(
        owners: Bool = true, ownersRefresh: Duration = .seconds(3600),
        domainStatus: Bool = false, clientStatistics: Bool = false, subscriptions: Bool = true,
        servicePlans: Bool = true, usageRefresh: Duration = .seconds(3600)
    ) {
        self.usageRefresh = usageRefresh
        self.subscriptions = subscriptions
        self.servicePlans = servicePlans
        self.owners = owners
        self.ownersRefresh = ownersRefresh
        self.domainStatus = domainStatus
        self.clientStatistics = clientStatistics
    }
}
