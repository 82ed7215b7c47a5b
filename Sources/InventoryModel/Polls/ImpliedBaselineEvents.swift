/// Baseline events a commit derives from its added objects instead of carrying them.
///
/// A kind's baseline adds every object with one `added` event that says nothing the object does not (its fields
/// as the after-state, acknowledged at once, queued for no webhook). Carried as ``NewEvent``s, a baseline of 120,000
/// objects held a second list of 120,000 entries beside the objects (13 MB at its peak) for the store to fold back
/// into runs of versions.
public struct ImpliedBaselineEvents: Sendable, Hashable {
    /// Kinds whose every object in ``CompletePoll/added`` has its baseline event.
    public var kinds: Set<ObjectKind>
    /// Who the events are acknowledged by.
    public var acknowledgedBy: String

    public init(kinds: Set<ObjectKind>, acknowledgedBy: String) {
        self.kinds = kinds
        self.acknowledgedBy = acknowledgedBy
    }

    /// The event of an added object of one of ``kinds``.
    public func event(for object: StoredObject) -> NewEvent {
        NewEvent(
            kind: object.kind, change: .added, key: object.key, name: object.name, baseline: true,
            afterJSON: object.fieldsJSON, acknowledgedBy: acknowledgedBy)
    }
}
