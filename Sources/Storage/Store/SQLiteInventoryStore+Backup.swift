import Foundation

/// What ``SQLiteInventoryStore/backup(to:)`` wrote.
public struct BackupReport: Sendable, Hashable {
    public var path: String
    public var bytes: Int64
    public var schemaVersion: Int
}

extension SQLiteInventoryStore {
    /// Writes a consistent copy of the database to `path` (safe while another process polls into it), checks the
    /// copy with `PRAGMA integrity_check` and its schema version, and only then moves it into place: `path` never
    /// holds a partial or unchecked copy.
    public func backup(to path: String) throws -> BackupReport {
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let fileManager = FileManager.default
        defer { try? fileManager.removeItem(atPath: temporary) }
        try? fileManager.removeItem(atPath: temporary)
        try db.backup(to: temporary)
        let version: Int
        do {
            let copy = try SQLiteConnection(path: temporary, configuration: .init(readOnly: true, journalMode: .unchanged))
            if let problems = try copy.integrityProblems() {
                throw StorageError(.corruptValue, "the backup copy failed its integrity check: \(problems)")
            }
            version = try Migrator(Schema.migrations).appliedVersion(copy)
        }
        guard version == Self.schemaVersion else {
            throw StorageError(.corruptValue, "the backup copy has schema version \(version), expected \(Self.schemaVersion)")
        }
        do {
            if fileManager.fileExists(atPath: path) { try fileManager.removeItem(atPath: path) }
            try fileManager.moveItem(atPath: temporary, toPath: path)
            let size = (try fileManager.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return BackupReport(path: path, bytes: size, schemaVersion: version)
        } catch {
            throw StorageError(.fileSystem, "cannot move the backup into place at \(path): \(error.localizedDescription)")
        }
    }
}
