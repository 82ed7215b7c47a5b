import Inventory
import Logging
import ServiceLifecycle

extension ExporterRuntime {
    /// Runs the scheduler and retention, plus `services` (the HTTP server, a demo's simulator, …), until SIGTERM or
    /// SIGINT, then shuts down gracefully: an in-flight poll is abandoned and writes nothing.
    ///
    /// Shutdown runs in reverse order: retention and the scheduler stop first, then `services` (last to first), so
    /// the HTTP server answers until the polls are done.
    /// - Parameter status: when given, follows the scheduler (for `/readyz`).
    public func serve(logger: Logger, status: ExporterStatus? = nil, services extra: [any Service] = []) async throws {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = extra.map { .init(service: $0) }
        services += [
            .init(service: TrackedScheduler(pollers: pollers, status: status, logger: logger)),
            .init(
                service: RetentionService(
                    store: store, retention: configuration.storage.retention, logger: logger)),
        ]
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch {
            await shutdown()
            throw error
        }
        await shutdown()
    }
}
