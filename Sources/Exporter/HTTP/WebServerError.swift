/// A `--web.*` setting the HTTP server cannot start with.
public struct WebServerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case invalidListenAddress
        case invalidTelemetryPath
        case webConfigNotSupported
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
