import Hummingbird
import Logging

/// Every route of the exporter: `/`, the metrics path, `/healthz`, `/readyz` and `/api/v1/…`. Every error —
/// including an unknown path — is answered with the JSON envelope.
public func buildRouter(_ dependencies: HTTPDependencies) -> Router<ExporterRequestContext> {
    let router = Router(context: ExporterRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: APIErrorMiddleware())
    LandingPageController(dependencies: dependencies).addRoutes(to: router)
    MetricsController(
        status: dependencies.status, telemetry: dependencies.telemetry, path: dependencies.web.telemetryPath
    ).addRoutes(to: router)
    HealthController(status: dependencies.status).addRoutes(to: router)
    APIController(dependencies: dependencies).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    return router
}

/// The HTTP server as a ServiceLifecycle `Service` (it is not started here).
///
/// - Parameter onListening: called with the bound port once the listener is up (useful with port 0).
public func buildApplication(
    _ dependencies: HTTPDependencies, address: ListenAddress, logger: Logger,
    onListening: (@Sendable (_ port: Int) async -> Void)? = nil
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies),
        configuration: ApplicationConfiguration(
            address: .hostname(address.bindHost, port: address.port), serverName: "plesk_exporter"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? address.port
            logger.info(
                "listening", metadata: ["address": "\(address)", "port": "\(port)", "bind": "\(address.bindHost)"])
            await onListening?(port)
        },
        logger: logger)
}
