/// An error of the storage layer that is not SQLite's own (those are ``SQLiteError``).
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case schemaTooNew = "schema too new"
            case schemaTooOld = "schema too old"
            case invalidMigrations = "invalid migrations"
            case corruptValue = "corrupt value"
            case fileSystem = "file system"
            case missingDatabase = "missing database"
            case notADatabase = "not a plesk_exporter database"
            case databaseBusy = "database busy"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The database was written by a newer binary.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// A read-only open found a database that needs migrating first.
        public static let schemaTooOld = Code(.schemaTooOld)
        /// The recorded migrations do not match the ones this binary knows.
        public static let invalidMigrations = Code(.invalidMigrations)
        /// A stored value could not be read back (e.g. an unknown kind).
        public static let corruptValue = Code(.corruptValue)
        /// The database directory could not be created or the file inspected.
        public static let fileSystem = Code(.fileSystem)
        /// A read-only open found no file at the path (nothing is created).
        public static let missingDatabase = Code(.missingDatabase)
        /// The file is not SQLite, or an SQLite database without this exporter's schema.
        public static let notADatabase = Code(.notADatabase)
        /// Another process holds the database's writer lock (it is polling into it).
        public static let databaseBusy = Code(.databaseBusy)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// What happened, for an operator.
    public let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
