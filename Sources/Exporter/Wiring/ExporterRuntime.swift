import ExporterConfig
import Foundation
import Inventory
import Logging
import Notifications
import PleskAPI
import InventoryModel
import Storage

/// Called after every Plesk request with the target name, endpoint, duration and failure reason (nil on success).
public typealias TargetRequestObserver = @Sendable (String, PleskEndpoint, Duration, PleskAPIError.Reason?) -> Void

/// The parts built from a configuration: the store, one API client and one poller per target.
///
/// Building takes the database's writer lock (``WriterLock``): a second process that would poll into the same
/// database is refused before anything is contacted. The lock is held as long as the runtime exists.
/// Call ``shutdown()`` when done so the HTTP clients close their connections.
public struct ExporterRuntime: Sendable {
    public let configuration: ExporterConfiguration
    /// Held for the runtime's lifetime; nil for in-memory databases.
    public let writerLock: WriterLock?
    public let store: SQLiteInventoryStore
    public let clients: [PleskAPIClient]
    public let pollers: [TargetPoller]
    /// Shared by the pollers: polls that read every object wait for their share.
    public let budget: FullPollBudget

    /// Builds every part. Nothing is contacted yet. Without `reportsBaselineEvents`, poll reports leave the baseline
    /// events out (``PollSettings/reportsBaselineEvents``).
    public static func build(
        configuration: ExporterConfiguration, storagePath: String, logger: Logger,
        listener: (any PollListener)? = nil, requestObserver: TargetRequestObserver? = nil,
        clock: any InventoryClock = SystemInventoryClock(), budget: FullPollBudget? = nil,
        reportsBaselineEvents: Bool = true
    ) async throws -> ExporterRuntime {
        let budget = budget ?? configuration.fullPollBudget().budget
        let writerLock = try WriterLock.acquire(databasePath: storagePath)
        let store = try SQLiteInventoryStore(path: storagePath, logger: logger)
        var clients: [PleskAPIClient] = []
        var pollers: [TargetPoller] = []
        let rules = configuration.autoAcknowledge
        let autoAcknowledge: @Sendable (String, NewEvent) -> String? = { target, event in
            guard
                let index = rules.firstIndex(where: {
                    $0.matches(object: event.kind, change: event.change, name: event.name, target: target)
                })
            else { return nil }
            return "auto_acknowledge[\(index)]"
        }
        let endpoints = configuration.webhookEndpoints
        let webhooks: @Sendable (String, NewEvent) -> [String] = { _, event in
            endpoints.filter {
                $0.wants(
                    object: event.kind, change: event.change, baseline: event.baseline,
                    autoAcknowledged: event.acknowledgedBy != nil)
            }.map(\.id)
        }
        do {
            for target in configuration.targets {
                let apiTarget = PleskTarget(target, global: configuration.global)
                let name = target.name
                var observer: PleskAPIClient.RequestObserver?
                if let requestObserver {
                    observer = { endpoint, duration, reason in requestObserver(name, endpoint, duration, reason) }
                }
                let client = try PleskAPIClient(
                    target: apiTarget, logger: logger, userAgent: "plesk_exporter/\(BuildInfo.version)",
                    observer: observer)
                clients.append(client)
                var settings = PollSettings(target, global: configuration.global)
                settings.reportsBaselineEvents = reportsBaselineEvents
                pollers.append(
                    TargetPoller(
                        target: target.name, url: apiTarget.displayURL, source: client, store: store,
                        settings: settings, clock: clock, logger: logger,
                        listener: listener, autoAcknowledge: autoAcknowledge, webhooks: webhooks, budget: budget))
            }
        } catch {
            for client in clients { await client.shutdown() }
            throw error
        }
        return ExporterRuntime(
            configuration: configuration, writerLock: writerLock, store: store, clients: clients, pollers: pollers,
            budget: budget)
    }

    public func shutdown() async {
        for client in clients { await client.shutdown() }
    }
}
