import Foundation
import Logging
import ServiceLifecycle
import InventoryModel

/// Deletes poll-log rows older than `storage.retention`, hourly. Events and object history are kept.
public struct RetentionService: Service {
    let store: any PollWriter
    let retention: Duration
    let every: Duration
    let clock: any InventoryClock
    let logger: Logger

    public init(
        store: any PollWriter, retention: Duration, every: Duration = .seconds(3600),
        clock: any InventoryClock = SystemInventoryClock(), logger: Logger
    ) {
        self.store = store
        self.retention = retention
        self.every = every
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let cutoff = clock.now().addingTimeInterval(-retention.timeInterval)
                let deleted = try await store.prunePolls(before: cutoff)
                if deleted > 0 { logger.info("pruned poll log", metadata: ["rows": "\(deleted)"]) }
            } catch {
                logger.error("pruning the poll log failed", metadata: ["error": "\(error)"])
            }
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: every) } } catch { break }
        }
    }
}
