/// Whether the exporter should receive traffic (`GET /readyz`).
public enum Readiness: Sendable, Hashable {
    case ready
    case notReady(reason: String)

    public var isReady: Bool { self == .ready }
}

/// Where the poll scheduler is in its life.
enum SchedulerPhase: Sendable, Hashable {
    case notStarted
    /// Running, but not every target has finished its first poll attempt.
    case running
    /// Every target has finished at least one poll attempt (success or failure).
    case firstRoundDone
    case stopped
}
