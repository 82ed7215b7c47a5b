import Logging
import ServiceLifecycle

/// Polls every target on its own interval (with jitter) until graceful shutdown.
///
/// Each target has its own loop, so a slow or hanging target never delays another; a target's polls never
/// overlap because its loop awaits each poll. On shutdown an in-flight poll is cancelled and writes nothing.
public struct PollScheduler: Service {
    let pollers: [any SchedulablePoller]
    let sleeper: any PollSleeper
    let logger: Logger
    /// Called once every target has finished its first poll attempt (readiness).
    let onFirstRound: @Sendable () async -> Void
    /// Called after each poll: returns freed heap to the system (a test's thousands of instant polls skip it).
    let releaseMemory: @Sendable () -> Void
    /// How often ``releaseMemory`` is called besides after each poll.
    let trimInterval: Duration

    public init(
        pollers: [any SchedulablePoller], sleeper: any PollSleeper = TaskSleeper(), logger: Logger,
        onFirstRound: @escaping @Sendable () async -> Void = {},
        releaseMemory: @escaping @Sendable () -> Void = ProcessMemory.releaseFreed,
        trimInterval: Duration = PollScheduler.defaultTrimInterval
    ) {
        self.pollers = pollers
        self.sleeper = sleeper
        self.logger = logger
        self.onFirstRound = onFirstRound
        self.releaseMemory = releaseMemory
        self.trimInterval = trimInterval
    }

    public func run() async throws {
        logger.info("scheduler started", metadata: ["targets": "\(pollers.count)"])
        let firstRound = FirstRoundCounter(remaining: pollers.count, onDone: onFirstRound)
        await withTaskGroup(of: Void.self) { group in
            for poller in pollers {
                group.addTask { await self.loop(poller, firstRound: firstRound) }
            }
            group.addTask { await self.trimPeriodically() }
        }
        logger.info("scheduler stopped")
    }

    private func loop(_ poller: any SchedulablePoller, firstRound: FirstRoundCounter) async {
        let settings = poller.pollSettings
        var first = true
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await poller.pollOnSchedule() }
                releaseMemory()
            } catch is CancellationError {
                logger.info("poll abandoned on shutdown", metadata: ["target": "\(poller.target)"])
                break
            } catch {
                logger.error("poll could not be stored", metadata: ["target": "\(poller.target)", "error": "\(error)"])
            }
            if first {
                first = false
                await firstRound.done()
            }
            let wait = Self.jittered(settings.interval, fraction: settings.jitterFraction)
            do {
                try await cancelWhenGracefulShutdown { try await sleeper.sleep(for: wait) }
            } catch {
                break
            }
        }
    }

    /// How often freed heap is returned besides after each poll.
    public static let defaultTrimInterval: Duration = .seconds(30)

    /// Returns freed heap on a timer too. The trim after a poll misses what is freed later: HTTP connections closed
    /// when idle, the buffers of polls of other targets still running then. With many targets one of them is
    /// nearly always polling, and a fleet of 10 targets with owners kept 22 MiB of freed heap until trimmed again.
    private func trimPeriodically() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: trimInterval) }
            } catch {
                break
            }
            releaseMemory()
        }
    }

    static func jittered(_ interval: Duration, fraction: Double) -> Duration {
        guard fraction > 0 else { return interval }
        let factor = 1 + Double.random(in: -fraction...fraction)
        return interval * factor
    }
}

/// Counts targets down to their first finished poll.
actor FirstRoundCounter {
    var remaining: Int
    let onDone: @Sendable () async -> Void

    init(remaining: Int, onDone: @escaping @Sendable () async -> Void) {
        self.remaining = remaining
        self.onDone = onDone
    }

    func done() async {
        remaining -= 1
        if remaining == 0 { await onDone() }
    }
}
