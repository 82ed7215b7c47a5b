import CSQLite
import Foundation
import InventoryModel
import Logging

/// The SQLite implementation of ``InventoryStore``.
///
/// One connection, owned by this actor and used only on the actor's own dispatch queue. Every method is one
/// transaction (writes `BEGIN IMMEDIATE`, reads `BEGIN DEFERRED` for a consistent snapshot); a thrown error
/// leaves the database unchanged.
///
/// Durability: WAL journal with `synchronous=FULL`. A commit returns only after the WAL is fsync'ed, so neither a
/// killed process nor a power loss loses a committed poll. Commits are a few per target per minute, so the fsync
/// costs nothing measurable (`NORMAL` would survive a process kill too, but not a power loss, and a poll lost after
/// its webhooks went out would be detected and delivered again).
public actor SQLiteInventoryStore: InventoryStore {
    /// The database file.
    public nonisolated let path: String
    /// Opened with `readOnly: true`: every write throws `SQLITE_READONLY`.
    public nonisolated let isReadOnly: Bool
    let logger: Logger
    let db: SQLiteConnection
    private nonisolated let executor: QueueExecutor

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The schema version this binary writes.
    public static var schemaVersion: Int { Migrator(Schema.migrations).latestVersion }

    /// Opens the database at `path`, creating it and its parent directory if missing, and migrates it.
    ///
    /// With `readOnly`, nothing is created or migrated; the database must exist at the current schema version.
    public init(path: String, logger: Logger, readOnly: Bool = false) throws {
        if !readOnly {
            try Self.createParentDirectory(of: path)
        } else if Self.isPlainPath(path), !FileManager.default.fileExists(atPath: path) {
            throw StorageError(.missingDatabase, "no database at \(path)")
        }
        let db = try Self.open(path: path, readOnly: readOnly)
        let migrator = Migrator(Schema.migrations)
        if readOnly {
            try migrator.requireCurrent(db)
        } else {
            try migrator.migrate(db, logger: logger)
        }
        self.path = path
        self.isReadOnly = readOnly
        self.logger = logger
        self.db = db
        self.executor = QueueExecutor(label: "plesk_exporter.storage")
    }

    /// A store on a read-only connection and dispatch queue of its own, for the readers (the HTTP API, metrics,
    /// reports): in WAL mode its reads see the last commit and never wait behind a poll's commit on this one. A
    /// database named by an SQLite URI rather than a file path is read through this store.
    public nonisolated func reader() throws -> any HistoryReader {
        guard Self.isPlainPath(path), !isReadOnly else { return self }
        return try SQLiteInventoryStore(path: path, logger: logger, readOnly: true)
    }

    private static func open(path: String, readOnly: Bool) throws -> SQLiteConnection {
        // A plain `catch` and an `if`: a typed-throws `catch where` crashed the 6.3.1 compiler (MandatoryAllocBoxToStack).
        do {
            // The writer's cache is small: a baseline's commit fills whatever it is given with pages it writes once
            // (at 8 MiB they were 4 MiB of a 100,000-domain baseline's peak, and the commit took no longer at 2).
            return try SQLiteConnection(
                path: path, configuration: .init(readOnly: readOnly, cacheSizeKiB: readOnly ? 8192 : 2048))
        } catch {
            if error.resultCode == SQLITE_NOTADB {
                throw StorageError(.notADatabase, "\(path) is not a plesk_exporter database (not an SQLite file)")
            }
            throw error
        }
    }

    /// A file system path, not `:memory:`, a temporary database or an SQLite URI.
    static func isPlainPath(_ path: String) -> Bool {
        !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:")
    }

    /// Creates the database's directory, readable by the exporter's user only: it holds the inventory of every
    /// customer, and the WAL can hold recently written rows.
    static func createParentDirectory(of path: String) throws {
        guard isPlainPath(path) else { return }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw StorageError(
                .fileSystem,
                "cannot create the database directory \(directory.path): \(error.localizedDescription)"
            )
        }
    }

    // MARK: Targets

    public func registerTarget(name: String, url: String) throws {
        try db.transaction { _ = try ensureTarget(name: name, url: url) }
    }

    public func hasBaseline(target: String) throws -> Bool {
        try db.transaction(.deferred) {
            try db.queryFirst("SELECT baseline_at IS NOT NULL FROM targets WHERE name = ?", [target]) { $0.int64(0) }
                == 1
        }
    }

    public func baselinedKinds(target: String) throws -> Set<ObjectKind> {
        try db.transaction(.deferred) {
            let text = try db.queryFirst("SELECT baselined_kinds FROM targets WHERE name = ?", [target]) { $0.string(0) }
            return Self.kinds(text ?? "")
        }
    }

    static func kinds(_ text: String) -> Set<ObjectKind> {
        Set(text.split(separator: ",").compactMap { ObjectKind(rawValue: String($0)) })
    }

    public func targets() throws -> [TargetRecord] {
        try db.transaction(.deferred) {
            let rows = try db.query(
                """
                SELECT name, url, baseline_at, last_poll_id, last_success_id, server_json, subscription_breakdown
                FROM targets ORDER BY name
                """
            ) { row in
                (
                    name: row.string(0), url: row.string(1), baselineAt: row.optionalInt64(2),
                    lastPoll: row.optionalInt64(3), lastSuccess: row.optionalInt64(4), server: row.optionalString(5),
                    breakdown: row.optionalString(6)
                )
            }
            return try rows.map { row in
                TargetRecord(
                    name: row.name,
                    url: row.url,
                    lastPoll: try row.lastPoll.flatMap { try poll(id: $0, targetName: row.name) },
                    lastSuccess: try row.lastSuccess.flatMap { try poll(id: $0, targetName: row.name) },
                    baselineAt: row.baselineAt.map(Date.init(unixMilliseconds:)),
                    serverJSON: row.server,
                    subscriptionBreakdown: try row.breakdown.map {
                        try JSONText.decodeValue(
                            [SubscriptionBucket].self, $0, column: "targets.subscription_breakdown")
                    } ?? []
                )
            }
        }
    }

    // MARK: Maintenance

    /// Copies the WAL into the database file and truncates the WAL (`PRAGMA wal_checkpoint(TRUNCATE)`).
    public func checkpoint() throws {
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Frees the connection's page cache (`PRAGMA shrink_memory`). After a large commit it holds pages that the
    /// queries between polls rarely need; they are read again from the operating system's cache when they do.
    public func releaseMemory() throws {
        try db.execute("PRAGMA shrink_memory")
    }

    /// Size of the main database file in bytes (without the `-wal` file; call ``checkpoint()`` first to fold it in).
    public func fileSizeBytes() throws -> Int64 {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw StorageError(.fileSystem, "cannot read the size of \(path): \(error.localizedDescription)")
        }
    }

    /// The schema version recorded in the database.
    public func storedSchemaVersion() throws -> Int {
        try Migrator(Schema.migrations).appliedVersion(db)
    }

    // MARK: Shared helpers

    /// The id of a registered target, if any.
    func targetID(named name: String) throws -> Int64? {
        try db.queryFirst("SELECT id FROM targets WHERE name = ?", [name]) { $0.int64(0) }
    }

    /// The target's id, registering it (and its zero tallies) if new; updates the URL when it changed.
    func ensureTarget(name: String, url: String?) throws -> Int64 {
        if let id = try targetID(named: name) {
            if let url {
                try db.execute("UPDATE targets SET url = ? WHERE id = ? AND url IS NOT ?", [url, id, url])
            }
            return id
        }
        try db.execute(
            "INSERT INTO targets (name, url, registered_at) VALUES (?, ?, ?)",
            [name, url ?? "", Date().unixMilliseconds]
        )
        let id = db.lastInsertRowID
        // Every target x kind x change tally exists from the start, so metric series start at zero.
        for kind in ObjectKind.allCases {
            for change in ChangeKind.allCases {
                try db.execute(
                    "INSERT OR IGNORE INTO event_tallies (target_id, kind, change) VALUES (?, ?, ?)",
                    [id, kind.rawValue, change.rawValue]
                )
            }
        }
        return id
    }

    /// Target names by id (a handful of rows; cheaper and more predictable than joining).
    func targetNames() throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        try db.forEachRow("SELECT id, name FROM targets") { names[$0.int64(0)] = $0.string(1) }
        return names
    }

    static func objectKind(_ text: String) throws -> ObjectKind {
        guard let kind = ObjectKind(rawValue: text) else {
            throw StorageError(.corruptValue, "unknown object kind \"\(text)\" in the database")
        }
        return kind
    }

    static func changeKind(_ text: String) throws -> ChangeKind {
        guard let change = ChangeKind(rawValue: text) else {
            throw StorageError(.corruptValue, "unknown change kind \"\(text)\" in the database")
        }
        return change
    }
}
