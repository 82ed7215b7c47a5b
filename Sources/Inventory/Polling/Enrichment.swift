/// What this poll's enrichment calls found (SPEC §6); each kind takes what concerns it.
struct Enrichment: Sendable {
    /// Domain id → owner login.
    var owners: [Int: String] = [:]
    /// Domain id → status.
    var statuses: [Int: String] = [:]
}
