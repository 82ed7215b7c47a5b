import InventoryModel

/// The database schema, as migration steps.
///
/// Conventions: `STRICT` tables; CHECKs use `=`/`OR`, never `IN (…)` (SQLite evaluates a constant IN-list in a
/// CHECK through an ephemeral table, which doubled the cost of inserting an event); times are INTEGER Unix milliseconds; object kinds and change kinds are the
/// ``ObjectKind``/``ChangeKind`` raw values as TEXT (readable with the `sqlite3` shell); JSON is stored as TEXT, an
/// object's with its field names packed (``PackedJSON``).
package enum Schema {
    package static let migrations: [Migration] = [
        core, events, serverMeta, outbox, pollMemory, subscriptions, usageReadAt, reconciliation, eventVersions,
        baselineOutOfFilterAll, baselineEventRuns, uuidKeys,
    ]

    /// Step 12: object versions keep a key that is a lowercase UUID as its 16 bytes (``StoredKey``), 40 of the bytes
    /// a stored object cost (20 in the row, 20 in `object_versions_open`). The column's type is relaxed from TEXT to
    /// ANY in place (as step 6 widens CHECKs: every stored row stays valid), then every stored guid is rewritten once.
    static let uuidKeys = Migration(
        version: 12,
        name: "object version keys as UUID bytes",
        sql: "-- The rows are rewritten by the step's preparation.",
        prepare: { db in
            try rewriteTableSQL(
                db, table: "object_versions", replacing: "key         TEXT NOT NULL", with: "key         ANY NOT NULL")
            // 10,000 rows at a time: a fleet's 600,000 keys are not held at once.
            var after: Int64 = 0
            while true {
                var rewrites: [(id: Int64, key: SQLiteValue)] = []
                var last: Int64?
                try db.forEachRow("SELECT id, key FROM object_versions WHERE id > ? ORDER BY id LIMIT 10000", [after]) {
                    row in
                    last = row.int64(0)
                    let key = StoredKey.bound(row.string(1))
                    if case .blob = key { rewrites.append((row.int64(0), key)) }
                }
                for rewrite in rewrites {
                    try db.execute("UPDATE object_versions SET key = ? WHERE id = ?", [rewrite.key, rewrite.id])
                }
                guard let last else { break }
                after = last
            }
        }
    )

    /// Replaces text in the stored SQL of `table` (nil: of every table that has it), for changes that leave every
    /// stored row valid (https://sqlite.org/lang_altertable.html, "making other kinds of table schema changes").
    static func rewriteTableSQL(
        _ db: SQLiteConnection, table: String? = nil, replacing old: String, with new: String
    ) throws {
        let version = try db.queryFirst("PRAGMA schema_version") { $0.int(0) } ?? 0
        try db.execute("PRAGMA writable_schema = ON")
        do {
            try db.execute(
                """
                UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2)
                WHERE type = 'table' AND (?3 IS NULL OR name = ?3) AND instr(sql, ?1) > 0
                """,
                [old, new, table])
            if let table, db.changes != 1 {
                throw StorageError(.invalidMigrations, "table \(table) has no \"\(old)\" to replace")
            }
            try db.execute("PRAGMA schema_version = \(version + 1)")
        } catch {
            try? db.execute("PRAGMA writable_schema = OFF")
            throw error
        }
        try db.execute("PRAGMA writable_schema = OFF")
    }

    /// Step 11: a baseline's events as runs. A baseline event says no more than the version its commit opened (same
    /// target, kind, key, name, time and JSON, acknowledged by "baseline", no webhook); its row and three index
    /// entries were 225 of the 643 bytes an object cost after a baseline. A run stores it once for a whole list: the
    /// events `first_id ..< first_id + count` are the versions `first_version_id ..< first_version_id + count`, in
    /// order (their ids are reserved in `sqlite_sequence`, so no real event ever takes one). Events written
    /// before stay rows. A run's versions may later close, so closed versions get an index by key (the events API's
    /// by-key reads find a run's events through their versions); it holds a row only per modification or removal.
    static let baselineEventRuns = Migration(
        version: 11,
        name: "baseline events as runs of versions",
        sql: """
            CREATE TABLE baseline_runs (
                first_id         INTEGER PRIMARY KEY,
                count            INTEGER NOT NULL CHECK (count > 0),
                target_id        INTEGER NOT NULL REFERENCES targets(id),
                poll_id          INTEGER NOT NULL,
                at               INTEGER NOT NULL,
                kind             TEXT NOT NULL CHECK (kind = 'domain' OR kind = 'client' OR kind = 'subscription'
                                     OR kind = 'plan'),
                first_version_id INTEGER NOT NULL,
                acknowledged_by  TEXT NOT NULL
            ) STRICT;
            CREATE INDEX baseline_runs_by_version ON baseline_runs(first_version_id);
            CREATE INDEX object_versions_closed_by_key ON object_versions(key) WHERE valid_to IS NOT NULL;
            """
    )

    /// Step 10: events_filter_all without baseline events. After a fleet's baselines nearly every event is a
    /// baseline event, read only when asked for and then target by target through events_filter; their entries
    /// here were 40 of the bytes each stored object cost, and an index entry more to write per object.
    static let baselineOutOfFilterAll = Migration(
        version: 10,
        name: "events_filter_all without baseline events",
        sql: """
            DROP INDEX events_filter_all;
            CREATE INDEX events_filter_all ON events(kind, change, baseline, acknowledged, id, at) WHERE baseline = 0;
            """
    )

    /// Step 9: an event's after-state by reference. An event whose after-state is exactly the object version its
    /// commit opened (every baseline event, most additions and modifications) stores that version's id instead of
    /// a second copy of its JSON: about 215 of the 1,045 bytes an object cost after a baseline. Rows written before
    /// keep their `after_json`; readers take `after_json`, else the version's `fields_json`.
    static let eventVersions = Migration(
        version: 9,
        name: "event after-state by version",
        sql: """
            ALTER TABLE events ADD COLUMN version_id INTEGER;
            """
    )

    /// Step 8: reconciliation against billing (SPEC §16). A finding is a row from the evaluation that opened it to the
    /// one that closed it; at most one is open per target, kind and subscription. Targets are named, not referenced:
    /// a fleet-wide `missing` finding has target '', and a finding outlives its target leaving the configuration.
    static let reconciliation = Migration(
        version: 8,
        name: "reconciliation findings",
        sql: """
            CREATE TABLE findings (
                id              INTEGER PRIMARY KEY,
                target          TEXT NOT NULL,
                kind            TEXT NOT NULL CHECK (kind = 'unbilled' OR kind = 'missing' OR kind = 'status_mismatch'
                                    OR kind = 'plan_mismatch' OR kind = 'owner_mismatch'),
                subscription    TEXT NOT NULL,
                source          TEXT NOT NULL,
                ref             TEXT,
                expected        TEXT,
                actual          TEXT,
                opened_at       INTEGER NOT NULL,
                closed_at       INTEGER,
                acknowledged_at INTEGER,
                acknowledged_by TEXT,
                comment         TEXT
            ) STRICT;
            CREATE UNIQUE INDEX findings_open ON findings(target, kind, subscription) WHERE closed_at IS NULL;
            CREATE INDEX findings_closed ON findings(closed_at) WHERE closed_at IS NOT NULL;

            -- The outbox also carries findings that opened or closed: an event or a finding per row.
            CREATE TABLE outbox_new (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id        INTEGER REFERENCES events(id),
                finding_id      INTEGER REFERENCES findings(id),
                finding_change  TEXT CHECK (finding_change = 'opened' OR finding_change = 'closed'),
                webhook         TEXT NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_error      TEXT,
                CHECK ((event_id IS NULL) <> (finding_id IS NULL)),
                CHECK ((finding_id IS NULL) = (finding_change IS NULL)),
                UNIQUE (webhook, event_id),
                UNIQUE (webhook, finding_id, finding_change)
            ) STRICT;
            INSERT INTO outbox_new (id, event_id, webhook, attempts, next_attempt_at, last_error)
                SELECT id, event_id, webhook, attempts, next_attempt_at, last_error FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_new RENAME TO outbox;
            CREATE INDEX outbox_by_webhook ON outbox(webhook, id);

            CREATE TABLE expected_sources (
                name            TEXT PRIMARY KEY,
                up              INTEGER NOT NULL,
                rows            INTEGER,
                last_success_at INTEGER,
                last_error      TEXT,
                pending_rows    INTEGER,
                pending_reads   INTEGER NOT NULL DEFAULT 0
            ) STRICT;
            """
    )

    /// Step 7: when a committed poll last read every subscription's limits and traffic (Unix milliseconds; NULL:
    /// never), so a `poll` from cron reads them once per `collect.usage_refresh` as `serve` does.
    static let usageReadAt = Migration(
        version: 7,
        name: "subscription usage read time",
        sql: """
            ALTER TABLE targets ADD COLUMN usage_read_at INTEGER;
            """
    )

    /// Step 6: subscriptions and service plans (SPEC §15). The `kind` CHECKs of the four tables that name kinds are
    /// widened in place (SQLite's documented procedure for a change that leaves every stored row valid: rewrite
    /// the table's SQL in `sqlite_schema` and bump `schema_version`): no table is copied, whatever the number of
    /// events. Poll rows get the new kinds' counts, held removals and the kinds a
    /// poll could not collect; usage is kept per subscription (overwritten, never versioned).
    static let subscriptions = Migration(
        version: 6,
        name: "subscriptions and service plans",
        sql: """
            ALTER TABLE polls ADD COLUMN subscriptions INTEGER;
            ALTER TABLE polls ADD COLUMN plans INTEGER;
            ALTER TABLE polls ADD COLUMN subscriptions_over_limit INTEGER;
            ALTER TABLE polls ADD COLUMN subscriptions_by_status TEXT;
            ALTER TABLE polls ADD COLUMN held_subscriptions INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE polls ADD COLUMN held_plans INTEGER NOT NULL DEFAULT 0;
            -- {"subscription": {"reason": …, "message": …}}: NULL when every kind was collected.
            ALTER TABLE polls ADD COLUMN failed_kinds TEXT;
            -- Subscriptions by status and plan after the last poll that collected them (current, not history:
            -- the history is in the poll rows' per-status counts and in the object versions).
            ALTER TABLE targets ADD COLUMN subscription_breakdown TEXT;
            -- The kinds whose baseline was taken (comma-separated): a kind collected for the first time on a
            -- target that has its baseline (an upgrade, or an XML API that failed until now) takes its own.
            ALTER TABLE targets ADD COLUMN baselined_kinds TEXT NOT NULL DEFAULT '';
            UPDATE targets SET baselined_kinds = 'domain,client' WHERE baseline_at IS NOT NULL;

            CREATE TABLE subscription_usage (
                target_id           INTEGER NOT NULL REFERENCES targets(id),
                key                 TEXT NOT NULL,
                name                TEXT NOT NULL,
                plan                TEXT NOT NULL,
                disk_bytes          INTEGER NOT NULL,
                traffic_bytes       INTEGER,
                disk_limit_bytes    INTEGER,
                traffic_limit_bytes INTEGER,
                -- Comma-separated limit names exceeded; '' when none.
                over_limits         TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (target_id, key)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX subscription_usage_over ON subscription_usage(target_id, name) WHERE over_limits <> '';

            -- Disk per subscription and UTC day, written only when it changed that day (the last value of the day
            -- wins): what reports compare for the fastest-growing subscriptions. Pruned with the poll log.
            CREATE TABLE subscription_disk_history (
                target_id  INTEGER NOT NULL REFERENCES targets(id),
                key        TEXT NOT NULL,
                day        INTEGER NOT NULL,
                disk_bytes INTEGER NOT NULL,
                PRIMARY KEY (target_id, key, day)
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE transition_tallies (
                target_id  INTEGER NOT NULL REFERENCES targets(id),
                transition TEXT NOT NULL,
                total      INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (target_id, transition)
            ) STRICT, WITHOUT ROWID;

            INSERT INTO event_tallies (target_id, kind, change)
                SELECT targets.id, kinds.kind, changes.change
                FROM targets,
                    (SELECT 'subscription' AS kind UNION ALL SELECT 'plan') AS kinds,
                    (SELECT 'added' AS change UNION ALL SELECT 'removed' UNION ALL SELECT 'modified') AS changes;
            """,
        prepare: widenKindChecks
    )

    static let oldKindCheck = "CHECK (kind = 'domain' OR kind = 'client')"
    static let newKindCheck =
        "CHECK (kind = 'domain' OR kind = 'client' OR kind = 'subscription' OR kind = 'plan')"

    /// Rewrites the kind CHECK of every table that has it (https://sqlite.org/lang_altertable.html, "making other
    /// kinds of table schema changes": a CHECK that accepts more changes no stored row).
    @Sendable static func widenKindChecks(_ db: SQLiteConnection) throws {
        try rewriteTableSQL(db, replacing: oldKindCheck, with: newKindCheck)
    }

    /// Step 5: what the poller remembers of each target's last committed poll (object fingerprints), written in the
    /// same transaction as that poll, so a new process starts with it. The fingerprint key is in `store_meta`.
    static let pollMemory = Migration(
        version: 5,
        name: "poll memory",
        sql: """
            CREATE TABLE poll_memory (
                target_id INTEGER NOT NULL REFERENCES targets(id),
                kind      TEXT NOT NULL,
                data      BLOB NOT NULL,
                PRIMARY KEY (target_id, kind)
            ) STRICT;
            """
    )

    /// Step 4: the webhook outbox. A row is written in the same transaction as its event, so a committed event is
    /// delivered at least once whatever happens to the process; a delivered row is deleted.
    static let outbox = Migration(
        version: 4,
        name: "webhook outbox",
        sql: """
            CREATE TABLE outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id        INTEGER NOT NULL REFERENCES events(id),
                webhook         TEXT NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_error      TEXT,
                UNIQUE (webhook, event_id)
            ) STRICT;
            CREATE INDEX outbox_by_webhook ON outbox(webhook, id);
            """
    )

    /// Step 3: the server's meta kept with its target, so `plesk_server_info` survives a restart.
    static let serverMeta = Migration(
        version: 3,
        name: "keep each target's server meta",
        sql: "ALTER TABLE targets ADD COLUMN server_json TEXT;"
    )

    /// Step 1: targets, the poll log, object versions and held removals.
    ///
    /// An unchanged poll writes one `polls` row (plus its two index entries) and rewrites the target's row in
    /// place; object versions are touched only when an object is added, modified or removed.
    static let core = Migration(
        version: 1,
        name: "create targets, polls, object versions and held removals",
        sql: """
            CREATE TABLE targets (
                id              INTEGER PRIMARY KEY,
                name            TEXT NOT NULL UNIQUE,
                url             TEXT NOT NULL,
                registered_at   INTEGER NOT NULL,
                baseline_at     INTEGER,
                -- Pointers kept by each commit/failure: the target list and "last seen" never scan the poll log.
                last_poll_id    INTEGER,
                last_success_id INTEGER
            ) STRICT;

            -- One row per poll, success or failure. Kept small: counts, two compact JSON maps, no per-object data.
            CREATE TABLE polls (
                id                      INTEGER PRIMARY KEY AUTOINCREMENT,
                target_id               INTEGER NOT NULL REFERENCES targets(id),
                started_at              INTEGER NOT NULL,
                finished_at             INTEGER NOT NULL,
                result                  TEXT NOT NULL CHECK (result = 'success' OR result = 'failure'),
                baseline                INTEGER NOT NULL DEFAULT 0 CHECK (baseline = 0 OR baseline = 1),
                domains                 INTEGER,
                clients                 INTEGER,
                aliases                 INTEGER,
                event_count             INTEGER NOT NULL DEFAULT 0,
                held_domains            INTEGER NOT NULL DEFAULT 0,
                held_clients            INTEGER NOT NULL DEFAULT 0,
                domains_by_hosting_type TEXT,
                clients_by_type_status  TEXT,
                error_reason            TEXT,
                error_message           TEXT
            ) STRICT;
            CREATE INDEX polls_by_target ON polls(target_id, finished_at);
            CREATE INDEX polls_by_time ON polls(finished_at);

            -- Each version of an object is valid over [valid_from, valid_to); valid_to is NULL while current.
            -- first_seen is the start of the object's current life (a return after removal starts a new one).
            CREATE TABLE object_versions (
                id          INTEGER PRIMARY KEY,
                target_id   INTEGER NOT NULL REFERENCES targets(id),
                kind        TEXT NOT NULL CHECK (kind = 'domain' OR kind = 'client'),
                key         TEXT NOT NULL,
                name        TEXT NOT NULL,
                fields_hash INTEGER NOT NULL,
                first_seen  INTEGER NOT NULL,
                valid_from  INTEGER NOT NULL,
                valid_to    INTEGER CHECK (valid_to IS NULL OR valid_to >= valid_from),
                fields_json TEXT NOT NULL
            ) STRICT;
            -- The current state, and the guarantee of at most one open version per object.
            CREATE UNIQUE INDEX object_versions_open
                ON object_versions(target_id, kind, key) WHERE valid_to IS NULL;
            -- Time travel to T reads the open versions plus the closed ones with valid_to > T.
            CREATE INDEX object_versions_closed
                ON object_versions(target_id, kind, valid_to) WHERE valid_to IS NOT NULL;

            -- Removals the guard holds back; replaced wholesale by each commit of the target.
            CREATE TABLE held_removals (
                target_id    INTEGER NOT NULL REFERENCES targets(id),
                kind         TEXT NOT NULL CHECK (kind = 'domain' OR kind = 'client'),
                key          TEXT NOT NULL,
                missed_polls INTEGER NOT NULL,
                PRIMARY KEY (target_id, kind, key)
            ) STRICT, WITHOUT ROWID;
            """
    )

    /// Step 2: change events, their per-target tallies, and store metadata.
    static let events = Migration(
        version: 2,
        name: "create events and event tallies",
        sql: """
            -- AUTOINCREMENT: an id is never reused, so API cursors and webhook deliveries stay unambiguous.
            -- poll_id is deliberately not a declared foreign key: pruning polls would then scan this table once
            -- per deleted poll (or need another index over every event); prunePolls keeps every poll with
            -- event_count > 0, which are exactly the polls events refer to.
            CREATE TABLE events (
                id                  INTEGER PRIMARY KEY AUTOINCREMENT,
                target_id           INTEGER NOT NULL REFERENCES targets(id),
                poll_id             INTEGER NOT NULL,
                at                  INTEGER NOT NULL,
                kind                TEXT NOT NULL CHECK (kind = 'domain' OR kind = 'client'),
                change              TEXT NOT NULL CHECK (change = 'added' OR change = 'removed' OR change = 'modified'),
                baseline            INTEGER NOT NULL CHECK (baseline = 0 OR baseline = 1),
                acknowledged        INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged = 0 OR acknowledged = 1),
                key                 TEXT NOT NULL,
                name                TEXT NOT NULL,
                changed_fields      TEXT NOT NULL DEFAULT '[]',
                acknowledged_at     INTEGER,
                acknowledged_by     TEXT,
                acknowledge_comment TEXT,
                before_json         TEXT,
                after_json          TEXT,
                CHECK (acknowledged = (acknowledged_at IS NOT NULL))
            ) STRICT;
            -- Cursor pages (id > after ORDER BY id LIMIT n) with any mix of filters: with every equality column
            -- bound, entries are in id order, so a page is one seek per combination of the unfiltered columns
            -- (at most 2 x 3 x 2 x 2) and a merge. `at` makes them covering for since/until.
            CREATE INDEX events_filter ON events(target_id, kind, change, baseline, acknowledged, id, at);
            CREATE INDEX events_filter_all ON events(kind, change, baseline, acknowledged, id, at);
            CREATE INDEX events_by_key ON events(key);
            -- Turns since/until into an id window (see SQLiteInventoryStore+Events.swift).
            CREATE INDEX events_by_at ON events(at);

            -- Non-baseline event counters per target/kind/change, kept by commit and acknowledge so that a
            -- /metrics scrape reads a few rows instead of counting events.
            CREATE TABLE event_tallies (
                target_id      INTEGER NOT NULL REFERENCES targets(id),
                kind           TEXT NOT NULL CHECK (kind = 'domain' OR kind = 'client'),
                change         TEXT NOT NULL CHECK (change = 'added' OR change = 'removed' OR change = 'modified'),
                total          INTEGER NOT NULL DEFAULT 0,
                unacknowledged INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (target_id, kind, change)
            ) STRICT, WITHOUT ROWID;
            INSERT INTO event_tallies (target_id, kind, change)
                SELECT targets.id, kinds.kind, changes.change
                FROM targets,
                    (SELECT 'domain' AS kind UNION ALL SELECT 'client') AS kinds,
                    (SELECT 'added' AS change UNION ALL SELECT 'removed' UNION ALL SELECT 'modified') AS changes;

            CREATE TABLE store_meta (
                key   TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            ) STRICT, WITHOUT ROWID;
            """
    )
}
