import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// A Hummingbird router served on a free loopback port for the length of a closure, over HTTPS with a test
/// certificate or plain HTTP: the small servers tests and the demo need besides the Plesk simulator (WHMCS, a
/// billing export on a URL). Stops gracefully when the closure returns or throws.
public enum LoopbackServer {
    /// Serves `router` on 127.0.0.1, runs `body` with the bound port, then stops the server.
    public static func withRunning<T>(
        _ router: Router<BasicRequestContext>, certificate: TestCertificate?, logger: Logger? = nil,
        _ body: (Int) async throws -> T
    ) async throws -> T {
        let logger = logger ?? {
            var logger = Logger(label: "LoopbackServer")
            logger.logLevel = .warning
            return logger
        }()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let tls = try certificate?.serverTLSConfiguration()
        let application = Application(
            router: router,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(services: [application], gracefulShutdownSignals: [], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw SimulatorError(.notRunning, "the loopback server stopped before it listened")
            }
            do {
                let result = try await body(port)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}
