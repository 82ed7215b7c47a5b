import Foundation
import InventoryModel
import Storage
import Testing

@Suite struct MigrationTests {
    private func tables(_ db: SQLiteConnection) throws -> Set<String> {
        Set(
            try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
                $0.string(0)
            }
        )
    }

    @Test func migratesAnEmptyDatabase() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            let migrator = Migrator(Schema.migrations)
            #expect(try migrator.appliedVersion(db) == 0)
            let applied = try migrator.migrate(db, logger: .quiet)
            #expect(applied.map(\.version) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
            #expect(try migrator.appliedVersion(db) == 12)
            #expect(
                try tables(db) == [
                    "schema_migrations", "targets", "polls", "object_versions", "held_removals", "events",
                    "event_tallies", "store_meta", "outbox", "poll_memory", "subscription_usage", "subscription_disk_history",
                    "transition_tallies", "findings", "expected_sources", "baseline_runs",
                ]
            )
            let recorded = try db.query("SELECT version, name FROM schema_migrations ORDER BY version") {
                ($0.int(0), $0.string(1))
            }
            #expect(recorded.map(\.0) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
            #expect(recorded.map(\.1) == Schema.migrations.map(\.name))
            #expect(try db.queryFirst("PRAGMA foreign_key_check") { _ in true } == nil)
        }
    }

    @Test func reopeningIsANoOp() async throws {
        try await withTemporaryDatabase { path in
            _ = try SQLiteInventoryStore(path: path, logger: .quiet)
            let db = try SQLiteConnection(path: path)
            #expect(try Migrator(Schema.migrations).migrate(db, logger: .quiet).isEmpty)
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            #expect(try await store.storedSchemaVersion() == SQLiteInventoryStore.schemaVersion)
            #expect(try db.queryFirst("SELECT count(*) FROM schema_migrations") { $0.int(0) } == 12)
        }
    }

    @Test func refusesADatabaseFromANewerBinary() async throws {
        try await withTemporaryDatabase { path in
            _ = try SQLiteInventoryStore(path: path, logger: .quiet)
            let db = try SQLiteConnection(path: path)
            try db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (13, 'from the future', 0)"
            )
            let expected = "database schema version 13 is newer than this plesk_exporter supports (12); upgrade the binary"

            let error = try #require(throws: StorageError.self) {
                _ = try SQLiteInventoryStore(path: path, logger: .quiet)
            }
            #expect(error.code == .schemaTooNew)
            #expect(error.description == expected)
            let readOnly = try #require(throws: StorageError.self) {
                _ = try SQLiteInventoryStore(path: path, logger: .quiet, readOnly: true)
            }
            #expect(readOnly.description == expected)
        }
    }

    @Test func readOnlyOpensCreateAndMigrateNothing() async throws {
        try await withTemporaryDatabase { path in
            let missing = try #require(throws: StorageError.self) {
                _ = try SQLiteInventoryStore(path: path + ".missing/x.db", logger: .quiet, readOnly: true)
            }
            #expect(missing.code == .missingDatabase)
            #expect(!FileManager.default.fileExists(atPath: path + ".missing"))

            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(1))).migrate(db, logger: .quiet)
            }
            let old = try #require(throws: StorageError.self) {
                _ = try SQLiteInventoryStore(path: path, logger: .quiet, readOnly: true)
            }
            #expect(old.code == .schemaTooOld)
            #expect(try Migrator(Schema.migrations).appliedVersion(SQLiteConnection(path: path)) == 1)

            let other = path + ".other"
            try SQLiteConnection(path: other).execute("CREATE TABLE notes (text TEXT)")
            let foreign = try #require(throws: StorageError.self) {
                _ = try SQLiteInventoryStore(path: other, logger: .quiet, readOnly: true)
            }
            #expect(foreign.code == .notADatabase)
        }
    }

    @Test("step 6 widens the kind CHECKs in place: stored rows stay, new kinds are accepted on the same connection")
    func subscriptionsStepWidensKinds() async throws {
        try await withTemporaryDatabase { path in
            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(5))).migrate(db, logger: .quiet)
                try db.execute(
                    "INSERT INTO targets (name, url, registered_at, baseline_at) VALUES ('old', 'https://old', 0, 0)")
                try db.execute(
                    """
                    INSERT INTO object_versions (target_id, kind, key, name, fields_hash, first_seen, valid_from, fields_json)
                    VALUES (1, 'domain', 'g1', 'a.example', 1, 0, 0, '{}')
                    """)
                #expect(throws: SQLiteError.self) {
                    try db.execute(
                        "INSERT INTO held_removals (target_id, kind, key, missed_polls) VALUES (1, 'subscription', 'k', 1)")
                }
                // Step 6 on this very connection: the widened CHECK must hold for it at once.
                try Migrator(Schema.migrations).migrate(db, logger: .quiet)
                try db.execute(
                    "INSERT INTO held_removals (target_id, kind, key, missed_polls) VALUES (1, 'subscription', 'k', 1)")
                #expect(throws: SQLiteError.self) {
                    try db.execute(
                        "INSERT INTO held_removals (target_id, kind, key, missed_polls) VALUES (1, 'mailbox', 'm', 1)")
                }
                #expect(try db.queryFirst("PRAGMA integrity_check") { $0.string(0) } == "ok")
                try db.execute("DELETE FROM held_removals")
            }
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            #expect(try await store.baselinedKinds(target: "old") == [.domain, .client])
            #expect(try await store.inventory(target: "old", kind: .domain, at: nil).map(\.entry.object.name) == ["a.example"])
            var poll = baselinePoll(
                target: "old",
                objects: [
                    StoredObject(kind: .subscription, key: "s1", name: "a.example", fieldsJSON: "{}", fieldsHash: 1),
                    StoredObject(kind: .plan, key: "p1", name: "Business", fieldsJSON: "{}", fieldsHash: 2),
                ],
                at: at(10))
            poll.baseline = false
            poll.collectedKinds = [.domain, .client, .subscription, .plan]
            try await store.commit(poll)
            #expect(try await store.baselinedKinds(target: "old") == Set(ObjectKind.allCases))
            #expect(Set(try await store.events(EventQuery()).map(\.kind)) == [.subscription, .plan])
        }
    }

    @Test func upgradesFromEachEarlierVersion() async throws {
        try await withTemporaryDatabase { path in
            // A database written by a binary that knew only step 1, with a target in it.
            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(1))).migrate(db, logger: .quiet)
                try db.execute(
                    "INSERT INTO targets (name, url, registered_at) VALUES (?, ?, ?)",
                    ["old", "https://old:8443", 0]
                )
                #expect(!(try tables(db).contains("events")))
            }
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            #expect(try await store.storedSchemaVersion() == 12)
            #expect(try await store.targets().first?.serverJSON == nil)
            // Steps 2 and 6 backfilled the zero tallies of the existing target.
            let tallies = try await store.eventTallies()
            #expect(tallies.count == 12)
            #expect(tallies.allSatisfy { $0.target == "old" && $0.total == 0 && $0.unacknowledged == 0 })
            try await store.commit(baselinePoll(target: "old", objects: [domain(1)], at: at(0)))
            #expect(try await store.events(EventQuery()).count == 1)
        }
    }

    @Test("a database at each earlier schema version, with data, is migrated and keeps working",
          arguments: 1..<Schema.migrations.count)
    func upgradesFromVersion(_ version: Int) async throws {
        try await withTemporaryDatabase { path in
            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(version))).migrate(db, logger: .quiet)
                try db.execute(
                    "INSERT INTO targets (name, url, registered_at) VALUES (?, ?, ?)", ["old", "https://old:8443", 0])
            }
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            #expect(try await store.storedSchemaVersion() == Schema.migrations.count)
            #expect(try await store.targets().map(\.name) == ["old"])
            try await store.commit(baselinePoll(target: "old", objects: [domain(1)], at: at(0)))
            #expect(try await store.events(EventQuery()).count == 1)
            let readOnly = try SQLiteInventoryStore(path: path, logger: .quiet, readOnly: true)
            #expect(try await readOnly.inventory(target: "old", kind: nil, at: nil).count == 1)
        }
    }

    @Test("step 8 rebuilds the outbox for findings: a delivery queued before it is kept, in order, and delivered")
    func outboxKeepsQueuedEvents() async throws {
        try await withTemporaryDatabase { path in
            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(7))).migrate(db, logger: .quiet)
                try db.execute("INSERT INTO targets (name, url, registered_at) VALUES ('old', 'https://old:8443', 0)")
                try db.execute(
                    """
                    INSERT INTO events (target_id, poll_id, at, kind, change, baseline, key, name)
                    VALUES (1, 1, 1000, 'client', 'removed', 0, 'guid-bob', 'bob')
                    """)
                try db.execute(
                    "INSERT INTO outbox (event_id, webhook, attempts, next_attempt_at, last_error) VALUES (1, 'hook', 2, 5, 'HTTP 500')")
            }
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            let queued = try await store.queuedDeliveries(limitPerWebhook: 10)
            #expect(queued.count == 1)
            #expect(queued.first?.event?.name == "bob")
            #expect(queued.first?.attempts == 2 && queued.first?.lastError == "HTTP 500")
            // New rows come after it, for events and findings alike.
            _ = try await store.applyFindings(
                [Finding(kind: .unbilled, target: "old", subscription: "a.example")], scope: ["old"], at: at(0),
                webhooks: { _, _ in ["hook"] })
            let after = try await store.queuedDeliveries(limitPerWebhook: 10)
            #expect(after.map(\.label) == ["event 1", "finding 1 opened"])
            #expect(after[1].id > after[0].id)
        }
    }

    @Test("step 11: baseline events stored as rows before it are read beside the runs written after it")
    func baselineRowsBesideRuns() async throws {
        try await withTemporaryDatabase { path in
            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(10))).migrate(db, logger: .quiet)
                try db.execute("INSERT INTO targets (name, url, registered_at) VALUES ('old', 'https://old:8443', 0)")
                try db.execute(
                    """
                    INSERT INTO events (target_id, poll_id, at, kind, change, baseline, acknowledged, key, name,
                        acknowledged_at, acknowledged_by, after_json)
                    VALUES (1, 1, 0, 'domain', 'added', 1, 1, 'guid-d9', 'd9.example', 0, 'baseline', '{"v":9}')
                    """)
            }
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            let new = try await store.commit(baselinePoll(target: "new", objects: [domain(1), domain(2)], at: at(60)))
            #expect(new.events.map(\.id) == [2, 3])
            let all = try await store.events(EventQuery(limit: 10))
            #expect(all.map(\.key) == ["guid-d9", "guid-d1", "guid-d2"])
            #expect(all.allSatisfy { $0.baseline && $0.acknowledgedBy == "baseline" })
            #expect(try await store.events(EventQuery(key: "guid-d9")).map(\.afterJSON) == [#"{"v":9}"#])
            #expect(try await store.events(EventQuery(key: "guid-d2")).map(\.id) == [3])
            #expect(try await store.baselineEventCount(EventQuery()) == 3)
            #expect(try await store.events(EventQuery(since: at(30))).map(\.key) == ["guid-d1", "guid-d2"])
        }
    }

    @Test("step 12 rewrites stored guid keys as 16 bytes; the objects are found, changed and read as before")
    func guidKeysRewritten() async throws {
        let guid = "39f992b0-9bfa-42cf-83aa-3763be8d742e"
        try await withTemporaryDatabase { path in
            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(11))).migrate(db, logger: .quiet)
                try db.execute(
                    "INSERT INTO targets (name, url, registered_at, baseline_at) VALUES ('old', 'https://old', 0, 0)")
                for (key, name) in [(guid, "a.example"), ("id:7", "b.example")] {
                    try db.execute(
                        """
                        INSERT INTO object_versions (target_id, kind, key, name, fields_hash, first_seen, valid_from,
                            fields_json)
                        VALUES (1, 'domain', ?, ?, 1, 0, 0, '{"v":1}')
                        """, [key, name])
                }
                // More guids than one batch of the rewrite (10,000), past two batch edges.
                try db.execute(
                    """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000)
                    INSERT INTO object_versions (target_id, kind, key, name, fields_hash, first_seen, valid_from,
                        fields_json)
                    SELECT 1, 'client', printf('%08x-0000-4000-8000-%012x', i, i), 'c' || i, 1, 0, 0, '{}' FROM n
                    """)
                try Migrator(Schema.migrations).migrate(db, logger: .quiet)
                #expect(
                    try db.query("SELECT typeof(key) FROM object_versions WHERE id <= 2 ORDER BY id") { $0.string(0) }
                        == ["blob", "text"])
                #expect(
                    try db.queryFirst("SELECT count(*) FROM object_versions WHERE typeof(key) = 'blob'") { $0.int(0) }
                        == 25_001)
                #expect(try db.queryFirst("PRAGMA integrity_check") { $0.string(0) } == "ok")
            }
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            #expect(Set(try await store.currentObjects(target: "old", kind: .domain).map(\.key)) == [guid, "id:7"])
            let changed = StoredObject(kind: .domain, key: guid, name: "a.example", fieldsJSON: #"{"v":2}"#, fieldsHash: 2)
            try await store.commit(
                CompletePoll(
                    target: "old", startedAt: at(60), finishedAt: at(60), baseline: false, counts: PollCounts(),
                    modified: [changed]))
            #expect(try await store.currentObjects(target: "old", kind: .domain, keys: [guid]).map(\.fieldsHash) == [2])
            #expect(try await store.inventory(target: "old", kind: .domain, at: at(30)).count == 2)
            let last = String(format: "%08x-0000-4000-8000-%012x", 25_000, 25_000)
            #expect(try await store.currentObjects(target: "old", kind: .client, keys: [last]).map(\.name) == ["c25000"])
        }
    }

    @Test func refusesToWriteIntoAForeignSQLiteDatabase() async throws {
        try await withTemporaryDatabase { path in
            do {
                let db = try SQLiteConnection(path: path)
                try db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
            }
            let error = #expect(throws: StorageError.self) { try SQLiteInventoryStore(path: path, logger: .quiet) }
            #expect(error?.code == .notADatabase)
            let db = try SQLiteConnection(path: path)
            let names = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table'") { $0.string(0) }
            #expect(names == ["invoices"])
        }
    }

    @Test func aFailingStepLeavesTheRecordedVersion() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            let broken =
                Schema.migrations + [
                    Migration(version: 13, name: "broken", sql: "CREATE TABLE half_done (x INTEGER); SELECT * FROM nowhere;")
                ]
            #expect(throws: SQLiteError.self) { try Migrator(broken).migrate(db, logger: .quiet) }
            #expect(try Migrator(broken).appliedVersion(db) == 12)
            #expect(!(try tables(db).contains("half_done")))
        }
    }

    @Test func rejectsGapsInTheStepList() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            let gap = [Migration(version: 2, name: "skips one", sql: "SELECT 1")]
            let error = try #require(throws: StorageError.self) { try Migrator(gap).migrate(db, logger: .quiet) }
            #expect(error.code == .invalidMigrations)
        }
    }

    @Test func readOnlyOpenNeedsACurrentDatabase() async throws {
        try await withTemporaryDatabase { path in
            do {
                let db = try SQLiteConnection(path: path)
                try Migrator(Array(Schema.migrations.prefix(1))).migrate(db, logger: .quiet)
            }
            let error = try #require(throws: StorageError.self) {
                _ = try SQLiteInventoryStore(path: path, logger: .quiet, readOnly: true)
            }
            #expect(error.code == .schemaTooOld)

            let writer = try SQLiteInventoryStore(path: path, logger: .quiet)
            try await writer.registerTarget(name: "a", url: "https://a:8443")
            let reader = try SQLiteInventoryStore(path: path, logger: .quiet, readOnly: true)
            #expect(try await reader.targets().map(\.name) == ["a"])
            await #expect(throws: SQLiteError.self) { try await reader.registerTarget(name: "b", url: "x") }
        }
    }
}
