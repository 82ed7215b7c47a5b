/// Where a value was written in a configuration file, so that a later check (loading a certificate, say) can
/// report its problem at the right file, line and key.
public struct ConfigLocation: Sendable, Hashable {
    /// The configuration file as it was named to the loader.
    public var file: String
    /// 1-based line; nil when unknown.
    public var line: Int?
    /// 1-based column.
    public var column: Int?
    /// Path of the key, e.g. `tls_server_config.cert_file`.
    public var key: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
    }

    /// A problem located here.
    public func problem(_ message: String) -> ConfigProblem {
        ConfigProblem(file: file, line: line, column: column, key: key, message: message)
    }
}

/// A file named by a configuration key: its absolute path and where the key was written.
public struct ConfigFileReference: Sendable, Hashable {
    /// Absolute; relative values are resolved against the configuration file's directory.
    public var path: String
    public var location: ConfigLocation

    public init(path: String, location: ConfigLocation) {
        self.path = path
        self.location = location
    }
}
