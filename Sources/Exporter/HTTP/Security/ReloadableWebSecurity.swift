import ExporterConfig
import Synchronization

/// The web configuration in force, swapped whole on reload. New connections take their TLS context from it and
/// every request its user table, so a reload needs no restart of the listener and drops no connection.
///
/// A reload that fails — a bad key, an unreadable certificate, or a switch between TLS and plain HTTP, which the
/// listener cannot make without a restart — keeps the previous configuration.
public final class ReloadableWebSecurity: Sendable {
    /// The `--web.config.file`.
    public let file: String
    private let state: Mutex<WebSecurity>
    private let failure = Mutex<String?>(nil)

    /// Loads `file`; a problem in it is thrown, so a bad file stops the start.
    public init(file: String) throws(ConfigError) {
        self.file = file
        self.state = Mutex(try WebSecurity.load(file: file))
    }

    /// The configuration in force.
    public var current: WebSecurity {
        state.withLock { $0 }
    }

    /// What was wrong with the last reload, or nil when it succeeded (or none was tried).
    public var lastReloadProblem: String? {
        failure.withLock { $0 }
    }

    /// Re-reads the file and everything it names. On success the new configuration is in force for the next
    /// connection and request; on failure the previous one stays and the problems are thrown.
    @discardableResult
    public func reload() throws(ConfigError) -> WebSecurity {
        do {
            let next = try load()
            state.withLock { $0 = next }
            failure.withLock { $0 = nil }
            return next
        } catch {
            failure.withLock { $0 = error.description }
            throw error
        }
    }

    private func load() throws(ConfigError) -> WebSecurity {
        let next = try WebSecurity.load(file: file)
        let previous = current
        guard next.servesTLS != previous.servesTLS else { return next }
        let location =
            next.configuration.tls?.certFile.location ?? ConfigLocation(file: file, key: "tls_server_config")
        throw ConfigError(problems: [
            ConfigLocation(file: file, line: location.line, column: location.column, key: "tls_server_config").problem(
                previous.servesTLS
                    ? "removing TLS needs a restart: the listener keeps serving TLS with the previous configuration"
                    : "adding TLS needs a restart: the listener keeps serving plain HTTP with the previous configuration")
        ])
    }
}
