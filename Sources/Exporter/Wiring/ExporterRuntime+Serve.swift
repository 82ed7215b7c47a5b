import Inventory
import Logging
import ServiceLifecycle

extension ExporterRuntime {
    /// Runs the scheduler and retention (and the HTTP server, when `web` is given) until SIGTERM or SIGINT,
    /// then shuts down gracefully: an in-flight poll is abandoned and writes nothing.
    public func serve(web: WebSettings?, logger: Logger, extraServices: [any Service] = []) async throws {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: PollScheduler(pollers: pollers, logger: logger)),
            .init(
                service: RetentionService(
                    store: store, retention: configuration.storage.retention, logger: logger)),
        ]
        services += extraServices.map { .init(service: $0) }
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
