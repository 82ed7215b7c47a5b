import CSQLite
import Foundation

/// One connection to an SQLite database file.
///
/// Owns the `sqlite3*` handle and a cache of prepared statements. Not thread-safe and not `Sendable`: the owner
/// (``SQLiteInventoryStore``, an actor) serialises every use. Opened in SQLite's multi-thread mode
/// (`SQLITE_OPEN_NOMUTEX`), so the handle may move between threads but never be used by two at once.
package final class SQLiteConnection {
    /// How the connection is set up when opened.
    package struct Configuration: Sendable {
        package enum JournalMode: String, Sendable {
            /// Write-ahead log: readers never block the writer; a commit is one append to the `-wal` file.
            case wal
            /// Whatever the database already uses (for `:memory:` databases and tests).
            case unchanged
        }

        package enum Synchronous: String, Sendable {
            case normal = "NORMAL"
            case full = "FULL"
        }

        package var readOnly: Bool
        package var journalMode: JournalMode
        package var synchronous: Synchronous
        /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
        package var busyTimeoutMilliseconds: Int32
        /// Page cache per connection, in KiB.
        package var cacheSizeKiB: Int
        /// Size the `-wal` file is truncated back to after a checkpoint, in bytes.
        package var journalSizeLimitBytes: Int

        package init(
            readOnly: Bool = false,
            journalMode: JournalMode = .wal,
            synchronous: Synchronous = .full,
            busyTimeoutMilliseconds: Int32 = 5000,
            cacheSizeKiB: Int = 8192,
            journalSizeLimitBytes: Int = 16 * 1024 * 1024
        ) {
            self.readOnly = readOnly
            self.journalMode = journalMode
            self.synchronous = synchronous
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.cacheSizeKiB = cacheSizeKiB
            self.journalSizeLimitBytes = journalSizeLimitBytes
        }
    }

    package enum TransactionKind: Sendable {
        /// Takes the write lock at once (`BEGIN IMMEDIATE`): a writer never fails half-way on a lock upgrade.
        case immediate
        /// Starts reading at the first statement (`BEGIN DEFERRED`): a consistent snapshot for several reads.
        case deferred
    }

    package let path: String
    package let configuration: Configuration
    let handle: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    private static let statementCacheLimit = 256
    private var savepointDepth = 0

    /// Opens (and, unless read-only, creates) the database at `path` and applies `configuration`.
    package init(path: String, configuration: Configuration = Configuration()) throws(SQLiteError) {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= configuration.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            var error = SQLiteError(code: code, db: db, sql: nil)
            error = SQLiteError(
                resultCode: error.resultCode,
                extendedResultCode: error.extendedResultCode,
                message: "cannot open database \(path): \(error.message)"
            )
            sqlite3_close_v2(db)
            throw error
        }
        do {
            try Self.configure(db, configuration)
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        self.configuration = configuration
    }

    deinit {
        statementCache.removeAll()  // finalizes the statements before the handle is closed
        sqlite3_close_v2(handle)
    }

    private static func configure(_ db: OpaquePointer, _ configuration: Configuration) throws(SQLiteError) {
        sqlite3_extended_result_codes(db, 1)
        // Double-quoted string literals are a misfeature: "x" must name a column, never be a string.
        _ = csqlite_db_config_int(db, SQLITE_DBCONFIG_DQS_DML, 0, nil)
        _ = csqlite_db_config_int(db, SQLITE_DBCONFIG_DQS_DDL, 0, nil)
        sqlite3_busy_timeout(db, configuration.busyTimeoutMilliseconds)
        try exec(db, "PRAGMA foreign_keys = ON")
        try exec(db, "PRAGMA cache_size = -\(max(configuration.cacheSizeKiB, 64))")
        if configuration.readOnly { return }
        if configuration.journalMode == .wal {
            let mode = try pragmaText(db, "PRAGMA journal_mode = WAL")
            guard mode?.lowercased() == "wal" else {
                throw SQLiteError(
                    resultCode: SQLITE_ERROR,
                    message: "cannot enable WAL journal mode (SQLite kept \(mode ?? "none")); "
                        + "is the database on a file system without shared memory support?",
                    sql: "PRAGMA journal_mode = WAL"
                )
            }
        }
        try exec(db, "PRAGMA synchronous = \(configuration.synchronous.rawValue)")
        try exec(db, "PRAGMA journal_size_limit = \(max(configuration.journalSizeLimitBytes, 0))")
    }

    private static func exec(_ db: OpaquePointer, _ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(resultCode: code, extendedResultCode: sqlite3_extended_errcode(db), message: text, sql: sql)
        }
    }

    private static func pragmaText(_ db: OpaquePointer, _ sql: String) throws(SQLiteError) -> String? {
        let statement = try Statement(db: db, sql: sql, persistent: false)
        guard try statement.step() else { return nil }
        return statement.row.optionalString(0)
    }

    // MARK: Running statements

    /// Runs `body` with a prepared, bound statement for `sql`, reset afterwards.
    ///
    /// Statements are cached by SQL text. A nested use of SQL that is already running gets a fresh statement.
    package func withStatement<T>(
        _ sql: String,
        _ arguments: [any SQLiteBindable] = [],
        _ body: (Statement) throws -> T
    ) throws -> T {
        let statement: Statement
        if let cached = statementCache[sql] {
            statement = cached.isInUse ? try Statement(db: handle, sql: sql, persistent: false) : cached
        } else {
            statement = try Statement(db: handle, sql: sql, persistent: true)
            if statementCache.count >= Self.statementCacheLimit { statementCache.removeAll() }
            statementCache[sql] = statement
        }
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        try statement.bind(arguments)
        return try body(statement)
    }

    /// Runs one statement to completion.
    package func execute(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {}
        }
    }

    /// Runs a script of several statements without arguments (schema migrations).
    package func executeScript(_ sql: String) throws(SQLiteError) {
        try Self.exec(handle, sql)
    }

    /// Maps every result row.
    package func query<T>(
        _ sql: String,
        _ arguments: [any SQLiteBindable] = [],
        _ map: (Row) throws -> T
    ) throws -> [T] {
        try withStatement(sql, arguments) { statement in
            var rows: [T] = []
            while try statement.step() { rows.append(try map(statement.row)) }
            return rows
        }
    }

    /// Maps the first result row, if any.
    package func queryFirst<T>(
        _ sql: String,
        _ arguments: [any SQLiteBindable] = [],
        _ map: (Row) throws -> T
    ) throws -> T? {
        try withStatement(sql, arguments) { statement in
            try statement.step() ? try map(statement.row) : nil
        }
    }

    /// Calls `body` for every result row without collecting them.
    package func forEachRow(
        _ sql: String,
        _ arguments: [any SQLiteBindable] = [],
        _ body: (Row) throws -> Void
    ) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() { try body(statement.row) }
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    package var changes: Int { Int(sqlite3_changes64(handle)) }

    /// True inside an explicit transaction.
    package var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// Nested calls use savepoints, so an inner failure undoes only the inner work.
    package func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            savepointDepth += 1
            defer { savepointDepth -= 1 }
            let name = "nested_\(savepointDepth)"
            try executeScript("SAVEPOINT \(name)")
            do {
                let result = try body()
                try executeScript("RELEASE \(name)")
                return result
            } catch {
                try? executeScript("ROLLBACK TO \(name); RELEASE \(name)")
                throw error
            }
        }
        try executeScript(kind == .immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); ROLLBACK then fails harmlessly.
            if isInTransaction { try? executeScript("ROLLBACK") }
            throw error
        }
    }
}
