import Foundation

/// The poller's write path: what a poll reads of the stored state to diff against, and how its outcome is written.
///
/// Every method is one transaction; a thrown error leaves the database unchanged.
public protocol PollWriter: Sendable {
    /// Records the target (name is the identity) and its current URL. Idempotent.
    func registerTarget(name: String, url: String) async throws

    /// Whether the target's baseline poll has been committed.
    func hasBaseline(target: String) async throws -> Bool

    /// The kinds whose baseline the target has (a kind collected for the first time takes its own).
    func baselinedKinds(target: String) async throws -> Set<ObjectKind>

    /// Writes a successful poll: the poll row, object version changes, events and the held set, in one
    /// transaction. Returns the stored poll (with its id) and the stored events (with ids), in input order, without
    /// the baseline events unless ``CompletePoll/reportsBaselineEvents``.
    @discardableResult
    func commit(_ poll: CompletePoll) async throws -> (poll: PollRecord, events: [EventRecord])

    /// Writes a failed poll. Nothing but the poll row changes.
    @discardableResult
    func recordFailure(
        target: String, startedAt: Date, finishedAt: Date, reason: String, message: String
    ) async throws -> PollRecord

    /// The open (current) objects of a target and kind, without fields.
    func currentObjects(target: String, kind: ObjectKind) async throws -> [CurrentObjectState]

    /// The open objects of a target and kind among `keys`, without fields (keys not open are absent).
    func currentObjects(target: String, kind: ObjectKind, keys: [String]) async throws -> [CurrentObjectState]

    /// The current fields JSON of the given open objects (missing keys are absent from the result).
    func currentFields(target: String, kind: ObjectKind, keys: [String]) async throws -> [String: String]

    /// The held removals of a target.
    func heldRemovals(target: String) async throws -> [HeldRemoval]

    /// Frees memory the store holds only as a cache (called after each poll).
    func releaseMemory() async throws

    /// Deletes poll-log rows finished before `before`, except each target's last poll, last success and any poll
    /// referenced by an event or an object version. Returns the number deleted.
    func prunePolls(before: Date) async throws -> Int
}
