/// A `--web.*` setting the HTTP server cannot start or go on with.
public struct WebServerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case invalidListenAddress
        case invalidTelemetryPath
        /// A TLS listener found no TLS context in the web configuration in force (a reload never removes it).
        case tlsUnavailable
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
