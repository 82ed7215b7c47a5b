/// What this poll's enrichment calls and other lists found (SPEC §6); each kind takes what concerns it.
struct Enrichment: Sendable {
    /// Domain id → owner login.
    var owners = OwnerMap()
    /// Domain id → status.
    var statuses: [Int: String] = [:]
    /// Client id → login, from this poll's client list (a subscription's `owner-id` is a client id).
    var clientLogins: [Int: String] = [:]
    /// The service plans known to this poll.
    var plans = PlanNaming()
}
