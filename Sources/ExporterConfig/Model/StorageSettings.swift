/// What is kept in the database (`storage`).
public struct StorageSettings: Sendable, Hashable {
    /// How long the poll log is kept. Events and object history are kept regardless.
    public var retention: Duration

    public init(retention: Duration = .seconds(400 * 86_400)) {
        self.retention = retention
    }
}
