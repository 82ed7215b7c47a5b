/// What ``PollScheduler`` runs: one target's polls. ``TargetPoller`` in production; a fake in the scheduler's tests.
public protocol SchedulablePoller: Sendable {
    /// The target's name, for logs.
    var target: String { get }
    /// The interval and jitter between polls.
    var pollSettings: PollSettings { get }
    /// Runs one poll and stores its outcome; throws `CancellationError` when cancelled (nothing written).
    func pollOnSchedule() async throws
}

extension TargetPoller: SchedulablePoller {
    public func pollOnSchedule() async throws {
        try await poll()
    }
}
