/// A subscription's status bit mask (`gen_info/status`) decoded into named states (SPEC §15). Several states may
/// hold at once (272 = expired and suspended by the administrator); unknown bits are tolerated.
public enum SubscriptionStatus {
    /// Each state and the bits that make it, in order of precedence (``primary(_:)`` picks the first that holds).
    static let bits: [(name: String, mask: Int)] = [
        ("expired", 256), ("suspended_by_admin", 16), ("suspended_by_reseller", 32), ("suspended_by_customer", 64),
        ("suspended", 1 | 2 | 8), ("backup_restore", 4),
    ]

    /// Every state name, in order of precedence.
    public static let names = bits.map(\.name) + ["active"]

    /// The states that hold for `code`: `active` for 0; bits 256 expired, 16 by admin, 32 by reseller, 64 by
    /// customer, 1/2/8 `suspended` (other suspensions Plesk documents for sites), 4 backup_restore. A code made
    /// only of unknown bits gives `other`.
    public static func states(_ code: Int) -> [String] {
        if code == 0 { return ["active"] }
        let states = bits.filter { code & $0.mask != 0 }.map(\.name)
        return states.isEmpty ? ["other"] : states
    }

    /// The one state a count labels the subscription with: the first of ``names`` that holds (`other` when none).
    /// Counted for every subscription on every poll, so it allocates nothing.
    public static func primary(_ code: Int) -> String {
        if code == 0 { return "active" }
        return bits.first { code & $0.mask != 0 }?.name ?? "other"
    }

    /// Whether any suspension bit is set.
    public static func isSuspended(_ code: Int) -> Bool { code & (16 | 32 | 64 | 1 | 2 | 8) != 0 }

    /// Whether the expired bit is set.
    public static func isExpired(_ code: Int) -> Bool { code & 256 != 0 }
}
