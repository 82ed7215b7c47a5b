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
    private let loader: @Sendable (String) throws(ConfigError) -> WebSecurity

    /// Loads `file`; a problem in it is thrown, so a bad file stops the start.
    public convenience init(file: String) throws(ConfigError) {
        try self.init(file: file, loader: { file throws(ConfigError) in try WebSecurity.load(file: file) })
    }

    init(file: String, loader: @escaping @Sendable (String) throws(ConfigError) -> WebSecurity) throws(ConfigError) {
        self.file = file
        self.loader = loader
        self.state = Mutex(try loader(file))
    }

    /// The configuration in force.
    public var current: WebSecurity {
        state.withLock { $0 }
    }

    /// Re-reads the file and everything it names. On success the new configuration is in force for the next
    /// connection and request; on failure the previous one stays and the problems are thrown.
    @discardableResult
    public func reload() throws(ConfigError) -> WebSecurity {
        let next = try loader(file)
        let previous = current
        if next.servesTLS != previous.servesTLS {
            let key = "tls_server_config"
            let location = next.configuration.tls?.certFile.location ?? ConfigLocation(file: file, key: key)
            throw ConfigError(problems: [
                ConfigProblem(
                    file: file, line: location.line, key: key,
                    message: previous.servesTLS
                        ? "removing TLS needs a restart: the listener keeps serving TLS with the previous configuration"
                        : "adding TLS needs a restart: the listener keeps serving plain HTTP with the previous "
                            + "configuration")
            ])
        }
        state.withLock { $0 = next }
        return next
    }
}
