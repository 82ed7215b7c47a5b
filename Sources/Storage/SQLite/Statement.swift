import CSQLite
import Foundation

/// A prepared statement. Values are always bound, never spliced into the SQL text.
///
/// Not thread-safe: a statement belongs to its ``SQLiteConnection`` and is used under the same protection.
package final class Statement {
    /// The SQL text, with placeholders.
    package let sql: String
    let handle: OpaquePointer
    private let db: OpaquePointer
    /// True while a cached statement is being stepped, so a nested use of the same SQL prepares a fresh one.
    var isInUse = false

    init(db: OpaquePointer, sql: String, persistent: Bool) throws(SQLiteError) {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        // `tail` points into the C string, so it is read inside withCString: a String passed straight to the C
        // call becomes a temporary buffer freed when the call returns, and reading the tail after that read freed
        // memory (now and then a spurious "more than one command" error).
        let (code, hasMore) = sql.withCString { text -> (Int32, Bool) in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(db, text, -1, flags, &statement, &tail)
            guard code == SQLITE_OK, let tail, tail.pointee != 0 else { return (code, false) }
            return (code, String(cString: tail).contains(where: { !$0.isWhitespace && $0 != ";" }))
        }
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, db: db, sql: sql)
        }
        if hasMore {
            sqlite3_finalize(statement)
            throw SQLiteError(
                resultCode: SQLITE_MISUSE,
                message: "a statement must hold exactly one SQL command",
                sql: sql
            )
        }
        self.handle = statement
        self.db = db
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Number of `?` parameters the statement expects.
    package var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds all parameters, in order. The count must match the statement's parameters.
    package func bind(_ arguments: [any SQLiteBindable]) throws(SQLiteError) {
        guard arguments.count == parameterCount else {
            throw SQLiteError(
                resultCode: SQLITE_RANGE,
                message: "statement expects \(parameterCount) arguments, got \(arguments.count)",
                sql: sql
            )
        }
        sqlite3_clear_bindings(handle)
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.sqliteValue, at: Int32(offset + 1))
        }
    }

    /// Binds one parameter (1-based index).
    package func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let value):
            code = sqlite3_bind_int64(handle, index, value)
        case .real(let value):
            code = sqlite3_bind_double(handle, index, value)
        case .text(var value):
            code = value.withUTF8 { bytes in
                // An empty buffer may have no base address; SQLite would bind NULL for a null pointer.
                guard let base = bytes.baseAddress else {
                    return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text64(
                        handle,
                        index,
                        $0,
                        sqlite3_uint64(bytes.count),
                        csqlite_transient(),
                        UInt8(SQLITE_UTF8)
                    )
                }
            }
        case .blob(let value):
            code = value.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(bytes.count), csqlite_transient())
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, db: db, sql: sql) }
    }

    /// Advances to the next row. Returns false when the statement is done.
    package func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError(code: code, db: db, sql: sql)
        }
    }

    /// Makes the statement ready to run again; keeps the prepared form.
    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The current row; valid until the next `step()` or `reset()`.
    package var row: Row { Row(handle: handle) }
}
