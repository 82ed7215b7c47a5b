/// Reads one Plesk server. The real implementation is ``PleskAPIClient``; tests may use a small fake.
///
/// Methods throw ``PleskAPIError``, or `CancellationError` when the surrounding task is cancelled.
public protocol PleskSource: Sendable {
    var targetName: String { get }
    func server() async throws -> PleskServerInfo
    func domains() async throws -> [PleskDomain]
    func clients() async throws -> [PleskClient]
    /// The domain list as fingerprints, decoding only the objects `known` does not recognise (a default
    /// implementation decodes everything).
    func scanDomains(known: KnownFingerprints) async throws -> ScannedList<PleskDomain>
    func scanClients(known: KnownFingerprints) async throws -> ScannedList<PleskClient>
    func clientDomains(clientID: Int) async throws -> [PleskDomain]
    func domainOwner(domainID: Int) async throws -> PleskClient
    func domainStatus(domainID: Int) async throws -> PleskDomainStatus
    func clientStatistics(clientID: Int) async throws -> PleskClientStatistics
    /// Every subscription, from one XML API `webspace get` (`POST /enterprise/control/agent.php`).
    func subscriptions() async throws -> [PleskSubscription]
    /// Every service plan of every owner, from one XML API `service-plan get` with `owner-all`.
    func servicePlans() async throws -> [PleskServicePlan]
    /// The subscription list as fingerprints of each `<result>`'s bytes, decoding only the unknown ones.
    func scanSubscriptions(known: KnownFingerprints) async throws -> ScannedList<PleskSubscription>
    func scanServicePlans(known: KnownFingerprints) async throws -> ScannedList<PleskServicePlan>
}
