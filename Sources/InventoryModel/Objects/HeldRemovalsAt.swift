import Foundation

/// The removals the guard was holding at some time (SPEC §6), as a report asks for them.
///
/// The store keeps only the current held set (each commit replaces it), so the counts come from the last successful
/// poll at or before the time, and the objects themselves only while that poll is still the target's latest.
public struct HeldRemovalsAt: Sendable, Hashable {
    /// One held object, named by its stored (still open) version.
    public struct Object: Sendable, Hashable {
        public var kind: ObjectKind
        public var key: String
        /// Domain name or client login.
        public var name: String
        /// Complete polls in a row that have missed the object.
        public var missedPolls: Int

        public init(kind: ObjectKind, key: String, name: String, missedPolls: Int) {
            self.kind = kind
            self.key = key
            self.name = name
            self.missedPolls = missedPolls
        }
    }

    /// The successful poll whose outcome this is; nil when the target had none by then.
    public var poll: PollRecord?
    public var domains: Int
    public var clients: Int
    /// The held objects ordered by kind, name and key; nil when there were some but a later poll has replaced the
    /// held set since.
    public var objects: [Object]?

    public init(poll: PollRecord?, domains: Int, clients: Int, objects: [Object]?) {
        self.poll = poll
        self.domains = domains
        self.clients = clients
        self.objects = objects
    }
}
