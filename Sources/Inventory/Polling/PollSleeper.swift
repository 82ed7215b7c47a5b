/// How the scheduler waits between polls: the real clock in production, a recording fake in tests (so the
/// scheduler's promises — jitter bounds, no overlap, no head-of-line blocking — are checked without real waits).
public protocol PollSleeper: Sendable {
    /// Waits `duration`; throws `CancellationError` when the waiting task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// Sleeps on the continuous clock.
public struct TaskSleeper: PollSleeper {
    public init() {}

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
