/// A subscription's status bit mask (`gen_info/status`) decoded into named states (SPEC §15). Several states may
/// hold at once (272 = expired and suspended by the administrator); unknown bits are tolerated.
public enum SubscriptionStatus {
    /// Every state name, in order of precedence (``primary(_:)`` picks the first that holds).
    public static let names = [
        "expired", "suspended_by_admin", "suspended_by_reseller", "suspended_by_customer", "suspended",
        "backup_restore", "active",
    ]

    /// The states that hold for `code`: `active` for 0; bits 256 expired, 16 by admin, 32 by reseller, 64 by
    /// customer, 1/2/8 `suspended` (other suspensions Plesk documents for sites), 4 backup_restore. A code made
    /// only of unknown bits gives `other`.
    public static func states(_ code: Int) -> [String] {
        if code == 0 { return ["active"] }
        var states: [String] = []
        if code & 256 != 0 { states.append("expired") }
        if code & 16 != 0 { states.append("suspended_by_admin") }
        if code & 32 != 0 { states.append("suspended_by_reseller") }
        if code & 64 != 0 { states.append("suspended_by_customer") }
        if code & (1 | 2 | 8) != 0 { states.append("suspended") }
        if code & 4 != 0 { states.append("backup_restore") }
        return states.isEmpty ? ["other"] : states
    }

    /// The one state a count labels the subscription with: the first of ``names`` that holds (`other` when none).
    /// Counted for every subscription on every poll, so it allocates nothing.
    public static func primary(_ code: Int) -> String {
        if code == 0 { return "active" }
        if code & 256 != 0 { return "expired" }
        if code & 16 != 0 { return "suspended_by_admin" }
        if code & 32 != 0 { return "suspended_by_reseller" }
        if code & 64 != 0 { return "suspended_by_customer" }
        if code & (1 | 2 | 8) != 0 { return "suspended" }
        if code & 4 != 0 { return "backup_restore" }
        return "other"
    }

    /// Whether any suspension bit is set.
    public static func isSuspended(_ code: Int) -> Bool { code & (16 | 32 | 64 | 1 | 2 | 8) != 0 }

    /// Whether the expired bit is set.
    public static func isExpired(_ code: Int) -> Bool { code & 256 != 0 }
}
