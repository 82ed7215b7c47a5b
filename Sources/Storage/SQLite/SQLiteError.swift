import CSQLite

/// An error reported by SQLite.
///
/// Carries the primary and extended result codes, SQLite's message and the SQL text of the failing statement,
/// but never the values bound to it: bound values may be credentials or user data.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public let resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …); equals `resultCode` when SQLite gave none.
    public let extendedResultCode: Int32
    /// SQLite's message, e.g. `UNIQUE constraint failed: targets.name`.
    public let message: String
    /// The statement that failed, with `?` placeholders where values were bound.
    public let sql: String?

    package init(resultCode: Int32, extendedResultCode: Int32? = nil, message: String, sql: String? = nil) {
        self.resultCode = resultCode & 0xFF
        self.extendedResultCode = extendedResultCode ?? resultCode
        self.message = message
        self.sql = sql
    }

    /// Reads the code and message of the last failure on `db`.
    package init(code: Int32, db: OpaquePointer?, sql: String?) {
        let extended = db.map { sqlite3_extended_errcode($0) } ?? code
        let message: String
        if let db, let text = sqlite3_errmsg(db) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        // sqlite3_extended_errcode reports the last failure; prefer it only when it belongs to `code`.
        self.init(
            resultCode: code,
            extendedResultCode: (extended & 0xFF) == (code & 0xFF) ? extended : code,
            message: message,
            sql: sql
        )
    }

    public var isConstraintViolation: Bool { resultCode == SQLITE_CONSTRAINT }
    public var isUniqueViolation: Bool { extendedResultCode == Self.constraintUnique }

    /// `SQLITE_CONSTRAINT_UNIQUE`, a function-like macro expression Swift does not import.
    private static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)

    public var description: String {
        var text = "SQLite error \(resultCode)"
        if extendedResultCode != resultCode { text += " (extended \(extendedResultCode))" }
        text += ": \(message)"
        if let sql { text += " — while executing `\(sql)`" }
        return text
    }
}
