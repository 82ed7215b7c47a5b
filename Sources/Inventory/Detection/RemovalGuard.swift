/// Holds back mass removals (SPEC §6): a complete poll that would remove more than `maxFraction` of a kind, or
/// that returns an empty list where objects existed, holds the removals until later polls agree.
public struct RemovalGuard: Sendable, Hashable {
    public var maxFraction: Double
    /// Further consecutive complete polls that must also miss a held object before its removal becomes an event.
    public var confirmPolls: Int

    public init(maxFraction: Double = 0.2, confirmPolls: Int = 2) {
        self.maxFraction = maxFraction
        self.confirmPolls = confirmPolls
    }

    /// Whether this poll's removals must be held.
    func trips(known: Int, seen: Int, missing: Int) -> Bool {
        guard known > 0, missing > 0 else { return false }
        if seen == 0 { return true }
        return Double(missing) > maxFraction * Double(known)
    }

    /// Whether a held removal missed in `missedPolls` polls in a row may be released now.
    /// Never while the list is empty: an empty answer from a server that had objects is the classic symptom of a
    /// broken API, so those removals wait until the server lists something again.
    func releases(missedPolls: Int, listIsEmpty: Bool) -> Bool {
        !listIsEmpty && missedPolls > confirmPolls
    }
}
