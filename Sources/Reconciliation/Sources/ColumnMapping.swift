/// Which header names a CSV's columns have (`expected[].columns`): a billing system's own export used as it is.
public struct ColumnMapping: Sendable, Hashable {
    /// The columns a source may have; the first two are required.
    public enum Column: String, Sendable, Hashable, CaseIterable {
        case subscription, status, server, owner, plan, ref
    }

    /// Column → header name, for the renamed ones; the others are looked up by their own name.
    public var renames: [Column: String]

    public init(renames: [Column: String] = [:]) {
        self.renames = renames
    }

    /// The header name `column` is read from.
    public func header(for column: Column) -> String { renames[column] ?? column.rawValue }
}
