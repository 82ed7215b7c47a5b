import CSQLite
import Foundation

extension SQLiteConnection {
    /// Copies the whole database into a new file at `path` with SQLite's online backup API, in one step: one read
    /// transaction, so the copy is a consistent snapshot even while another process writes (WAL). The copy is left
    /// in rollback-journal mode, a single file with nothing beside it.
    package func backup(to path: String) throws(SQLiteError) {
        var destination: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let opened = sqlite3_open_v2(path, &destination, flags, nil)
        defer { sqlite3_close_v2(destination) }
        guard opened == SQLITE_OK, let destination else {
            throw SQLiteError(code: opened, db: destination, sql: nil)
        }
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_errcode(destination), db: destination, sql: nil)
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE else { throw SQLiteError(code: stepped, db: destination, sql: nil) }
        guard finished == SQLITE_OK else { throw SQLiteError(code: finished, db: destination, sql: nil) }
        // The copied header says WAL; a backup is one self-contained file (the exporter turns WAL on again at open).
        let journal = sqlite3_exec(destination, "PRAGMA journal_mode = DELETE", nil, nil, nil)
        guard journal == SQLITE_OK else { throw SQLiteError(code: journal, db: destination, sql: "PRAGMA journal_mode = DELETE") }
    }

    /// `PRAGMA integrity_check`: nil when the database is sound, else SQLite's first complaints.
    package func integrityProblems() throws -> String? {
        let lines = try query("PRAGMA integrity_check(20)") { $0.string(0) }
        return lines == ["ok"] ? nil : lines.joined(separator: "; ")
    }
}
