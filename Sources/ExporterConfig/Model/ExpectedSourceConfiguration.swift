/// One billing source reconciliation compares the targets with (`expected[]`, SPEC §16).
public struct ExpectedSourceConfiguration: Sendable, Hashable {
    /// The source's label in metrics, findings and logs.
    public var name: String
    /// The CSV file (absolute; a relative `file:` is relative to the configuration file). Re-read when it changes.
    public var file: String
    /// Column → the header name it has in this source's CSV (`columns:`), for the renamed ones.
    public var columns: [String: String]
    /// How often the file is checked for a change.
    public var interval: Duration

    public init(name: String, file: String, columns: [String: String] = [:], interval: Duration = .seconds(60)) {
        self.name = name
        self.file = file
        self.columns = columns
        self.interval = interval
    }
}
