/// Holds back polls that remove a large share of a kind of object (`global.removal_guard`).
public struct RemovalGuardSettings: Sendable, Hashable {
    /// A poll removing more than this fraction (0 < f ≤ 1) of a kind is held …
    public var maxFraction: Double
    /// … until this many consecutive complete polls agree (≥ 1).
    public var confirmPolls: Int

    public init(maxFraction: Double = 0.2, confirmPolls: Int = 2) {
        self.maxFraction = maxFraction
        self.confirmPolls = confirmPolls
    }
}
