import Foundation

/// The history, read: targets, inventories at a time, events, the poll log and counts. Used by the HTTP API,
/// the metrics, reports and the command line; never writes.
///
/// Every method reads one consistent snapshot.
public protocol HistoryReader: Sendable {
    func targets() async throws -> [TargetRecord]

    /// Objects present at `at` (nil = now): the versions valid at that time, ordered by name.
    func inventory(target: String?, kind: ObjectKind?, at: Date?) async throws -> [(target: String, entry: InventoryEntry)]

    /// The removals held right after the target's last successful poll at or before `at`.
    func heldRemovals(target: String, at: Date) async throws -> HeldRemovalsAt

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

    /// Non-baseline event counts per target/kind/change.
    func eventTallies() async throws -> [EventTally]

    /// Subscription transitions counted per target (``SubscriptionTransition``), baseline excluded.
    func transitionTallies() async throws -> [TransitionTally]

    /// Each subscription's disk bytes as last recorded on or before the UTC day of `at` (subscriptions never
    /// recorded by then are absent): the start of a report period, for the fastest-growing subscriptions.
    func subscriptionDisk(target: String, at: Date) async throws -> [String: Int64]

    /// The latest usage of each subscription (of one target, or all), ordered by target and name; only those over
    /// a limit when `overLimitOnly`; at most `limit` per target when given.
    func subscriptionUsage(target: String?, overLimitOnly: Bool, limit: Int?) async throws
        -> [(target: String, usage: SubscriptionUsageRecord)]

    /// Poll log, newest first.
    func polls(target: String?, since: Date?, until: Date?, limit: Int) async throws -> [PollRecord]

    /// Successful polls with counts, oldest first (the source of count history).
    func countHistory(target: String?, since: Date?, until: Date?) async throws -> [PollRecord]

    /// The earliest stored poll (success or failure) of a target, or of any target when nil.
    func firstPoll(target: String?) async throws -> PollRecord?

    /// The newest successful poll of a target that finished at or before `at`.
    func lastSuccessfulPoll(target: String, atOrBefore at: Date) async throws -> PollRecord?
}
