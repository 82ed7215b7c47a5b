/// A billing source: reads every subscription billing knows, all or nothing.
public protocol ExpectedSource: Sendable {
    /// The name in metrics, findings and logs (`expected[].name`).
    var name: String { get }
    /// Reads the rows.
    /// - Throws: ``ExpectedSourceError`` (`unreadable`, `empty`, `malformed`).
    func read() async throws(ExpectedSourceError) -> [ExpectedRow]
    /// Something that changes when the source's content may have changed (a file's size and modification time);
    /// nil when the source cannot tell, so it is read on every check.
    func changeToken() async -> String?
}
