import Inventory
import Logging
import ServiceLifecycle

/// Runs the poll scheduler and tells ``ExporterStatus`` where it is (for `/readyz`).
///
/// With no targets the scheduler returns at once; this service then waits for shutdown instead of returning,
/// because a returning service would stop the whole group (the HTTP server with it).
struct TrackedScheduler: Service {
    let pollers: [TargetPoller]
    let status: ExporterStatus?
    let logger: Logger

    func run() async throws {
        let status = self.status
        let scheduler = PollScheduler(
            pollers: pollers, logger: logger, onFirstRound: { await status?.schedulerFinishedFirstRound() })
        await status?.schedulerStarted()
        do {
            try await scheduler.run()
            if !Task.isShuttingDownGracefully && !Task.isCancelled {
                try await gracefulShutdown()
            }
        } catch {
            await status?.schedulerStopped()
            throw error
        }
        await status?.schedulerStopped()
    }
}
