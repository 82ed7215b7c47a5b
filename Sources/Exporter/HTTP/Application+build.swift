import Hummingbird
import HummingbirdCore
import Logging

/// Every route of the exporter: `/`, the metrics path, `/healthz`, `/readyz` and `/api/v1/…`. Every error —
/// including an unknown path — is answered with the JSON envelope. With a web configuration, basic auth guards
/// every path but `/healthz` (see ``BasicAuthMiddleware``).
public func buildRouter(_ dependencies: HTTPDependencies) -> Router<ExporterRequestContext> {
    let router = Router(context: ExporterRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = RouteMethods()
    router.add(middleware: APIErrorMiddleware(routes: routes))
    if let security = dependencies.security {
        // Added even without users: a reload may add some.
        router.add(
            middleware: BasicAuthMiddleware(
                security: security, verifier: CachingPasswordVerifier(base: dependencies.passwordVerifier)))
    }
    LandingPageController(dependencies: dependencies).addRoutes(to: router)
    MetricsController(
        status: dependencies.status, telemetry: dependencies.telemetry, path: dependencies.web.telemetryPath
    ).addRoutes(to: router)
    HealthController(status: dependencies.status).addRoutes(to: router)
    APIController(dependencies: dependencies).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    routes.record(router)
    return router
}

/// The HTTP server as a ServiceLifecycle `Service` (it is not started here): HTTP/1.1, over TLS when the web
/// configuration in force has `tls_server_config`.
///
/// - Parameter onListening: called with the bound port once the listener is up (useful with port 0).
public func buildApplication(
    _ dependencies: HTTPDependencies, address: ListenAddress, logger: Logger,
    onListening: (@Sendable (_ port: Int) async -> Void)? = nil
) -> some ApplicationProtocol {
    let server: HTTPServerBuilder
    let servesTLS = dependencies.security?.current.servesTLS ?? false
    if let security = dependencies.security, servesTLS {
        server = HTTPServerBuilder { responder in
            ReloadableTLSChannel(base: HTTP1Channel(responder: responder), security: security)
        }
    } else {
        server = .http1()
    }
    let scheme = servesTLS ? "https" : "http"
    return Application(
        router: buildRouter(dependencies),
        server: server,
        configuration: ApplicationConfiguration(
            address: .hostname(address.bindHost, port: address.port), serverName: "plesk_exporter"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? address.port
            logger.info(
                "listening",
                metadata: [
                    "address": "\(address)", "port": "\(port)", "bind": "\(address.bindHost)", "scheme": "\(scheme)",
                ])
            await onListening?(port)
        },
        logger: logger)
}
