/// What a reconciliation finding says is wrong between billing and a Plesk server (SPEC §16). `rawValue` is the
/// `kind` label, the config's waiver `kind` and the API's.
public enum FindingKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// In Plesk, not expected by any source: an account nobody bills.
    case unbilled
    /// Expected active, not in Plesk.
    case missing
    /// Terminated or suspended in billing and active in Plesk, or active in billing and suspended in Plesk.
    case statusMismatch = "status_mismatch"
    /// Both sides name a plan, and not the same one.
    case planMismatch = "plan_mismatch"
    /// Both sides name an owner, and not the same one.
    case ownerMismatch = "owner_mismatch"
}
