import ExporterConfig
import Logging

/// A loaded `--web.config.file`, ready to serve: the TLS context new connections use and the basic-auth users.
///
/// Loading checks everything a listener would trip over later — certificate, key and CA files are parsed and put
/// into a TLS context — so a bad file is refused at start (or at reload) with its file, line and key.
public struct WebSecurity: Sendable {
    public let configuration: WebConfiguration
    /// Nil serves plain HTTP.
    let tls: TLSServerContext?
    /// User name → bcrypt hash; empty means no authentication.
    let users: [String: String]
    /// Checked against when the user is unknown, so an unknown name costs a bcrypt like a known one.
    let decoyHash: String?
    /// The file and those it names as they were just before they were read, so that a change made while (or right
    /// after) loading is noticed by ``WebConfigReloader``.
    let fileStamps: [String: FileStamp]

    /// Whether connections are served over TLS.
    public var servesTLS: Bool { tls != nil }

    /// Reads, validates and loads `file`.
    public static func load(file: String) throws(ConfigError) -> WebSecurity {
        let fileStamp = FileStamp(path: file)
        let configuration = try WebConfigLoader.load(path: file)
        var stamps = FileStamp.of(configuration.referencedFiles)
        stamps[file] = fileStamp
        let tls = try configuration.tls.map { settings throws(ConfigError) in try makeTLS(settings) }
        var users: [String: String] = [:]
        for user in configuration.users {
            users[user.name] = user.passwordHash.value
        }
        return WebSecurity(
            configuration: configuration, tls: tls, users: users, decoyHash: users.values.min(), fileStamps: stamps)
    }

    /// One info line (TLS on or off, how many users, never who or their hashes) and a warning per setting without
    /// effect; at start and after every reload.
    func log(_ message: Logger.Message, file: String, reason: String? = nil, to logger: Logger) {
        var metadata: Logger.Metadata = ["file": "\(file)", "tls": "\(servesTLS)", "users": "\(users.count)"]
        if let reason { metadata["reason"] = "\(reason)" }
        logger.info(message, metadata: metadata)
        for warning in configuration.warnings {
            logger.warning("web configuration", metadata: ["problem": "\(warning)"])
        }
    }
}
