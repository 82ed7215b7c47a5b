/// A credential read from the configuration. Its text is only reachable through `value`; every printed
/// form (`description`, `debugDescription`, `dump`, string interpolation) shows `<secret>`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret text. Pass it to the HTTP client; never log it.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
