import ExporterConfig
import Foundation
import Inventory
import InventoryModel
import Logging
import Notifications
import Reconciliation
import ServiceLifecycle
import Storage

/// Builds telemetry + runtime + HTTP server and runs everything until SIGTERM/SIGINT.
///
/// The `--web.*` settings are checked first, and the `--web.config.file` loaded (a problem in it, its certificates
/// or its users throws a ``ConfigError`` naming file, line and key); then the store is opened and the per-target
/// state restored from it, so `/metrics` is complete from the first scrape. With a web configuration, a
/// ``WebConfigReloader`` re-reads it on SIGHUP and when its files change; without one, a SIGHUP is logged and ignored.
/// - Parameters:
///   - extraServices: run next to the scheduler and the server (the demo's simulator and mutation loop).
///   - onListening: called with the bound port once the HTTP listener is up (`--web.listen-address :0`).
public func runExporter(
    configuration: ExporterConfiguration, storagePath: String, web: WebSettings, logger: Logger,
    extraServices: [any Service] = [], onListening: (@Sendable (_ port: Int) async -> Void)? = nil
) async throws {
    let address = try web.validated()
    let security = try web.webConfigFile.map { file throws(ConfigError) in try ReloadableWebSecurity(file: file) }
    security?.current.log("web configuration loaded", file: web.webConfigFile ?? "", to: logger)
    let (budget, memoryLimitOrigin) = configuration.fullPollBudget()
    let telemetry = ExporterTelemetry(configuration: configuration, budget: budget)
    let status = ExporterStatus(configuration: configuration, telemetry: telemetry, logger: logger)
    // Reconciliation needs the store, which the runtime opens; the pollers need the listener first. The service is
    // made once the store is there, and reached through this box until then.
    let reconcile = ReconcileBox()
    let runtime = try await ExporterRuntime.build(
        configuration: configuration, storagePath: storagePath, logger: logger,
        listener: PollFanOut(listeners: [status, reconcile]), requestObserver: telemetry.requestObserver,
        budget: budget, reportsBaselineEvents: false)
    // Logged once the database is open: a start refused for it says only why.
    logger.info(
        "memory budget",
        metadata: [
            "memory_limit": "\(budget.memoryLimit ?? 0)", "from": "\(memoryLimitOrigin)",
            "full_polls": "\(budget.slots) at once, \(budget.capacityBytes) bytes together",
        ])
    // The history's readers (API, metrics, landing page) get a connection of their own; polls, acknowledgements and
    // the webhook outbox write through the runtime's store.
    let reader: any HistoryReader
    do {
        reader = try runtime.store.reader()
        try await status.attach(reader)
    } catch {
        await runtime.shutdown()
        throw error
    }
    let application = buildApplication(
        HTTPDependencies(
            status: status, history: reader, acknowledger: runtime.store, telemetry: telemetry, web: web, security: security,
            findings: configuration.expected.isEmpty ? nil : reader as? any ReconciliationStore,
            findingAcknowledger: configuration.expected.isEmpty ? nil : runtime.store),
        address: address, logger: logger, onListening: onListening)
    var services: [any Service] = [application] + extraServices
    if let engine = configuration.reconciliationEngine(history: reader, store: runtime.store) {
        let service = ReconcileService(
            engine: engine,
            checkInterval: configuration.expected.map(\.interval).min() ?? .seconds(60), logger: logger,
            onRun: { outcome, open in await status.reconciled(sources: outcome.sources, open: open) })
        reconcile.set(service)
        services.append(service)
    }
    if let security {
        services.append(await WebConfigReloader(security: security, logger: logger))
    } else {
        services.append(await HangupNotice(logger: logger))
    }
    if let deliveries = telemetry.deliveries {
        services.append(
            WebhookDelivery(
                store: runtime.store, endpoints: configuration.webhookEndpoints,
                render: { event in (try? JSONOutput.encoder().encode(EventDTO(event))) ?? Data() },
                renderFinding: { record, change in
                    (try? JSONOutput.encoder().encode(FindingWebhookDTO(record, change: change))) ?? Data()
                }, telemetry: deliveries, logger: logger))
    }
    try await runtime.serve(logger: logger, status: status, services: services)
    logger.info("plesk_exporter stopped")
}
