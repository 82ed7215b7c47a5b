import Foundation

/// The storage seam: everything the poller, the HTTP surface and the CLI need from the database.
///
/// The real implementation is ``SQLiteInventoryStore``; tests may use a small in-memory fake.
/// Every method is one transaction; a thrown error leaves the database unchanged.
public protocol InventoryStore: Sendable {
    /// Records the target (name is the identity) and its current URL. Idempotent.
    func registerTarget(name: String, url: String) async throws

    /// Writes a successful poll: the poll row, object version changes, events and the held set, in one
    /// transaction. Returns the stored poll (with its id) and the stored events (with ids), in input order.
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

    /// What the poller remembered of the target's last committed poll, per kind (written with ``commit(_:)``).
    func pollMemory(target: String) async throws -> [ObjectKind: Data]

    /// The key of the object fingerprints kept in this database (made at first use).
    func fingerprintKey() async throws -> (UInt64, UInt64)

    /// The removals held right after the target's last successful poll at or before `at`.
    func heldRemovals(target: String, at: Date) async throws -> HeldRemovalsAt

    /// Objects present at `at` (nil = now): the versions valid at that time, ordered by name.
    func inventory(target: String?, kind: ObjectKind?, at: Date?) async throws -> [(target: String, entry: InventoryEntry)]

    func events(_ query: EventQuery) async throws -> [EventRecord]
    func event(id: Int64) async throws -> EventRecord?
    /// How many baseline events match the query's target, kind, change and time window (`after`, `limit` and
    /// `acknowledged` are ignored): what a listing that hides the baseline left out.
    func baselineEventCount(_ query: EventQuery) async throws -> Int

    /// The newest `limit` unacknowledged non-baseline events of each target, kind and change, newest first
    /// (`plesk_unacknowledged_change_info`, so an alert can name what changed).
    func newestUnacknowledgedEvents(limitPerKind limit: Int) async throws -> [EventRecord]

    /// The newest `limit` events that are not baseline events, newest first (the landing page's list).
    func latestEvents(limit: Int) async throws -> [EventRecord]

    /// Poll log, newest first.
    func polls(target: String?, since: Date?, until: Date?, limit: Int) async throws -> [PollRecord]

    /// Successful polls with counts, oldest first (the source of count history).
    func countHistory(target: String?, since: Date?, until: Date?) async throws -> [PollRecord]

    /// The earliest stored poll (success or failure) of a target, or of any target when nil.
    func firstPoll(target: String?) async throws -> PollRecord?

    /// The newest successful poll of a target that finished at or before `at`.
    func lastSuccessfulPoll(target: String, atOrBefore at: Date) async throws -> PollRecord?

    func targets() async throws -> [TargetRecord]

    /// Non-baseline event counts per target/kind/change.
    func eventTallies() async throws -> [EventTally]

    /// Acknowledges the given events; returns how many were newly acknowledged.
    func acknowledge(ids: [Int64], by: String, comment: String?, at: Date) async throws -> Int
    /// Acknowledges all unacknowledged events matching target, kind and change (nil = any) up to `until`.
    func acknowledge(
        target: String?, kind: ObjectKind?, change: ChangeKind?, until: Date, by: String, comment: String?, at: Date
    ) async throws -> Int

    /// Frees memory the store holds only as a cache (called after each poll).
    func releaseMemory() async throws

    /// Deletes poll-log rows finished before `before`, except each target's last poll, last success and any poll
    /// referenced by an event or an object version. Returns the number deleted.
    func prunePolls(before: Date) async throws -> Int
}
