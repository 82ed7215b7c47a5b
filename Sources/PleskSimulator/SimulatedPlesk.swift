import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore

/// A fake Plesk server speaking REST API v2 (`/api/v2/server`, `/domains`, `/clients`, the per-object
/// endpoints and `POST /auth/keys`) and the XML API (`POST /enterprise/control/agent.php`: `webspace`,
/// `service-plan`, `service-plan-addon`, `customer`, `reseller` and `server` get) over HTTP or HTTPS on loopback,
/// for tests and `plesk_exporter demo`. Both APIs serve the same inventory: every top-level domain is a
/// subscription.
///
/// ```swift
/// try await SimulatedPlesk.withRunning(inventory: .generate(domains: 1000, clients: 100, seed: 7)) { plesk in
///     plesk.inject(.status(500), on: .clients, times: 1)
///     // point a client at plesk.url with X-API-Key: SimulatedPlesk.Configuration.defaultAPIKey,
///     // trusting plesk.certificate (or pinning plesk.certificate?.sha256Fingerprint)
/// }
/// ```
///
/// All state (inventory, credentials, faults, request log) can be read and changed from any task while the
/// server runs; changes are visible to the next request.
public final class SimulatedPlesk: Sendable {
    public let configuration: Configuration
    /// The certificate the server presents; nil for plain HTTP.
    public let certificate: TestCertificate?
    let state: SimulatorState

    /// Makes a simulator (and, for `.selfSigned`, its certificate). It does not listen until run.
    public init(configuration: Configuration = Configuration(), inventory: PleskInventory = .demo()) throws {
        self.configuration = configuration
        switch configuration.tls {
        case .disabled: self.certificate = nil
        case .selfSigned: self.certificate = try TestCertificates.selfSigned()
        case .certificate(let certificate): self.certificate = certificate
        }
        self.state = SimulatorState(inventory: inventory, configuration: configuration)
    }

    // MARK: Addresses

    /// The bound port of the current (or last) run; 0 before the first start.
    public var port: Int { self.state.boundPort }

    /// `https://127.0.0.1:PORT` (or `http://…`): what goes in a target's `url`.
    public var url: String {
        let scheme = self.certificate == nil ? "http" : "https"
        let host: String
        switch self.configuration.host {
        case "0.0.0.0", "": host = "127.0.0.1"
        case "::": host = "[::1]"
        case let other where other.contains(":"): host = "[\(other)]"
        case let other: host = other
        }
        return "\(scheme)://\(host):\(self.port)"
    }

    /// ``url`` + `/api/v2`.
    public var apiURL: String { self.url + "/api/v2" }

    /// SHA-256 fingerprint (`AB:CD:…`) of the served certificate; nil for plain HTTP.
    public var certificateFingerprint: String? { self.certificate?.sha256Fingerprint }

    // MARK: Lifecycle

    /// The Hummingbird application serving this simulator: a ServiceLifecycle `Service` to put in a
    /// `ServiceGroup` (as `demo` does). Each call makes a fresh application; run one at a time.
    /// Hanging requests are released when its listener closes (graceful shutdown).
    public func makeApplication() throws -> some ApplicationProtocol {
        let port = self.state.portForNextRun(configured: self.configuration.port)
        let tls = try self.certificate?.serverTLSConfiguration()
        let state = self.state
        let onServerRunning = self.configuration.onServerRunning
        return Application(
            responder: SimulatorResponder(state: state),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: ApplicationConfiguration(
                address: .hostname(self.configuration.host, port: port),
                serverName: "sw-cp-server"
            ),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                channel.closeFuture.whenComplete { _ in state.didStop() }
                state.didStart(port: port, listener: channel)
                await onServerRunning?(port)
            },
            logger: self.configuration.logger
        )
    }

    /// Serves until the task is cancelled. Prefer ``withRunning(_:)``, or ``makeApplication()`` in a
    /// `ServiceGroup`, which stop gracefully; cancelling this makes Hummingbird log a harmless
    /// "Waiting on child channel: CancellationError()".
    public func run() async throws {
        try await Self.run(self.makeApplication(), state: self.state)
    }

    private static func run(_ application: some ApplicationProtocol, state: SimulatorState) async throws {
        do {
            try await application.run()
        } catch {
            state.didFinish(error: error)
            throw error
        }
        state.didFinish(error: nil)
    }

    /// The bound port, once the listener is up (throws if starting failed).
    public func waitUntilRunning() async throws -> Int {
        try await self.state.waitUntilRunning()
    }

    /// Starts the server, runs `body`, then stops the server (releasing hanging requests) and waits for it.
    /// May be called again later: a restarted simulator binds the same port.
    public func withRunning<T>(_ body: (SimulatedPlesk) async throws -> T) async throws -> T {
        let application = try self.makeApplication()
        let state = self.state
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Self.run(application, state: state) }
            do {
                _ = try await state.waitUntilRunning()
                let result = try await body(self)
                await state.stopListening()
                group.cancelAll()
                try? await group.waitForAll()
                return result
            } catch {
                await state.stopListening()
                group.cancelAll()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// Makes a simulator, runs it around `body`, and stops it.
    public static func withRunning<T>(
        configuration: Configuration = Configuration(),
        inventory: PleskInventory = .demo(),
        _ body: (SimulatedPlesk) async throws -> T
    ) async throws -> T {
        try await SimulatedPlesk(configuration: configuration, inventory: inventory).withRunning(body)
    }
}
