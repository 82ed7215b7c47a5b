import Foundation
import InventoryModel
import Logging

/// Applies ``Migration``s in order and records them in `schema_migrations`.
///
/// Each step runs in its own transaction together with its record, so a crash leaves the database at a
/// recorded version. A database whose recorded version is newer than the last known step is refused.
package struct Migrator: Sendable {
    package let migrations: [Migration]

    package init(_ migrations: [Migration]) {
        self.migrations = migrations
    }

    /// The newest version this binary knows.
    package var latestVersion: Int { migrations.last?.version ?? 0 }

    private static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        ) STRICT
        """

    /// The highest recorded version, or 0 for a database without migrations.
    package func appliedVersion(_ db: SQLiteConnection) throws -> Int {
        let hasTable =
            try db.queryFirst(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
            ) { _ in true } ?? false
        guard hasTable else { return 0 }
        return try db.queryFirst("SELECT coalesce(max(version), 0) FROM schema_migrations") { $0.int(0) } ?? 0
    }

    /// Applies every step newer than the recorded version. Returns the steps applied.
    @discardableResult
    package func migrate(_ db: SQLiteConnection, logger: Logger, now: () -> Date = Date.init) throws -> [Migration] {
        try validate()
        try db.transaction {
            // Never write our tables into somebody else's database (a wrong --storage.path).
            let foreign =
                try appliedVersion(db) == 0
                && (try db.queryFirst("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'") { $0.int(0) }
                    ?? 0) > 0
            if foreign {
                throw StorageError(
                    .notADatabase,
                    "\(db.path) is an SQLite database of another program (it has tables but no schema_migrations); "
                        + "point --storage.path at a new file or at a plesk_exporter database")
            }
            try db.execute(Self.createTable)
        }
        try checkNotNewer(try appliedVersion(db))
        var applied: [Migration] = []
        for migration in migrations {
            let didApply = try db.transaction { () throws -> Bool in
                // Re-read inside the write lock: another process may have migrated meanwhile.
                let current = try appliedVersion(db)
                try checkNotNewer(current)
                guard migration.version > current else { return false }
                try migration.prepare?(db)
                try db.executeScript(migration.sql)
                try db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [migration.version, migration.name, now().unixMilliseconds]
                )
                return true
            }
            if didApply {
                logger.info(
                    "applied database migration",
                    metadata: ["migration.version": "\(migration.version)", "migration.name": "\(migration.name)"]
                )
                applied.append(migration)
            }
        }
        return applied
    }

    /// Checks, without writing, that the database is exactly at the latest version (for read-only opens).
    package func requireCurrent(_ db: SQLiteConnection) throws {
        let current = try appliedVersion(db)
        guard current > 0 else {
            throw StorageError(.notADatabase, "\(db.path) is not a plesk_exporter database (it has no schema_migrations)")
        }
        try checkNotNewer(current)
        guard current == latestVersion else {
            throw StorageError(
                .schemaTooOld,
                "database schema version \(current) is older than this plesk_exporter expects (\(latestVersion)); "
                    + "open it once read-write to migrate it"
            )
        }
    }

    private func checkNotNewer(_ current: Int) throws {
        guard current <= latestVersion else {
            throw StorageError(
                .schemaTooNew,
                "database schema version \(current) is newer than this plesk_exporter supports (\(latestVersion)); "
                    + "upgrade the binary"
            )
        }
    }

    private func validate() throws {
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw StorageError(
                .invalidMigrations,
                "migration \"\(migration.name)\" has version \(migration.version), expected \(index + 1)"
            )
        }
    }
}
