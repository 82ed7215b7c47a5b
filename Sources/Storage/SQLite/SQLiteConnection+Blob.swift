import CSQLite
import Foundation

extension SQLiteConnection {
    /// Inserts a row whose last column is a large blob without the two whole copies a bound blob costs (SQLite's
    /// copy of the bound value, then the record built from it): the row is inserted with a `zeroblob` of the
    /// blob's size and the bytes are written into it in place.
    ///
    /// - Parameters:
    ///   - sql: an `INSERT` whose last parameter is the blob's size, as `zeroblob(?)`.
    ///   - arguments: the other parameters, in order.
    ///   - table, column: where the blob lies.
    package func insert(
        _ sql: String, _ arguments: [any SQLiteBindable], blob: Data, table: String, column: String
    ) throws {
        try execute(sql, arguments + [blob.count])
        guard !blob.isEmpty else { return }
        var handle: OpaquePointer?
        let opened = sqlite3_blob_open(self.handle, "main", table, column, lastInsertRowID, 1, &handle)
        defer { sqlite3_blob_close(handle) }
        guard opened == SQLITE_OK, let handle else { throw SQLiteError(code: opened, db: self.handle, sql: sql) }
        let written = blob.withUnsafeBytes { bytes in
            sqlite3_blob_write(handle, bytes.baseAddress, Int32(bytes.count), 0)
        }
        guard written == SQLITE_OK else { throw SQLiteError(code: written, db: self.handle, sql: sql) }
    }
}
