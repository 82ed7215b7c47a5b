/// A removal the guard is holding back (SPEC §6).
public struct HeldRemoval: Sendable, Hashable {
    public var kind: ObjectKind
    public var key: String
    /// Complete polls in a row that have missed the object, counting the one that started the hold.
    public var missedPolls: Int

    public init(kind: ObjectKind, key: String, missedPolls: Int) {
        self.kind = kind
        self.key = key
        self.missedPolls = missedPolls
    }
}
