import Foundation
import InventoryModel

extension SQLiteInventoryStore {
    public func currentObjects(target: String, kind: ObjectKind) throws -> [CurrentObjectState] {
        try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target) else { return [] }
            return try db.query(
                """
                SELECT key, name, fields_hash FROM object_versions INDEXED BY object_versions_open
                WHERE target_id = ? AND kind = ? AND valid_to IS NULL
                """,
                [targetID, kind.rawValue]
            ) { CurrentObjectState(key: StoredKey.read($0, 0), name: $0.string(1), fieldsHash: $0.int64(2)) }
        }
    }

    public func currentObjects(target: String, kind: ObjectKind, keys: [String]) throws -> [CurrentObjectState] {
        guard !keys.isEmpty else { return [] }
        return try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target) else { return [] }
            var objects: [CurrentObjectState] = []
            objects.reserveCapacity(keys.count)
            for key in keys {
                let object = try db.queryFirst(
                    """
                    SELECT key, name, fields_hash FROM object_versions INDEXED BY object_versions_open
                    WHERE target_id = ? AND kind = ? AND key = ? AND valid_to IS NULL
                    """,
                    [targetID, kind.rawValue, StoredKey.bound(key)]
                ) { CurrentObjectState(key: StoredKey.read($0, 0), name: $0.string(1), fieldsHash: $0.int64(2)) }
                if let object { objects.append(object) }
            }
            return objects
        }
    }

    public func currentFields(target: String, kind: ObjectKind, keys: [String]) throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        return try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target) else { return [:] }
            var fields: [String: String] = [:]
            fields.reserveCapacity(keys.count)
            for key in keys {
                let json = try db.queryFirst(
                    """
                    SELECT fields_json FROM object_versions INDEXED BY object_versions_open
                    WHERE target_id = ? AND kind = ? AND key = ? AND valid_to IS NULL
                    """,
                    [targetID, kind.rawValue, StoredKey.bound(key)]
                ) { PackedJSON.unpack($0.string(0)) }
                if let json { fields[key] = json }
            }
            return fields
        }
    }

    public func pollMemory(target: String) throws -> [ObjectKind: Data] {
        try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target) else { return [:] }
            var memory: [ObjectKind: Data] = [:]
            for (kind, data) in try db.query(
                "SELECT kind, data FROM poll_memory WHERE target_id = ?", [targetID], { ($0.string(0), $0.data(1)) })
            {
                if let kind = ObjectKind(rawValue: kind) { memory[kind] = data }
            }
            return memory
        }
    }

    public func usageReadAt(target: String) throws -> Date? {
        try db.transaction(.deferred) {
            try db.queryFirst("SELECT usage_read_at FROM targets WHERE name = ?", [target]) { row in
                row.optionalInt64(0).map(Date.init(unixMilliseconds:))
            } ?? nil
        }
    }

    public func fingerprintKey() throws -> PollMemoryKey {
        try db.transaction {
            func read(_ name: String) throws -> Int64? {
                try db.queryFirst("SELECT value FROM store_meta WHERE key = ?", [name]) { $0.int64(0) }
            }
            if let k0 = try read("fingerprint_key_0"), let k1 = try read("fingerprint_key_1") {
                return PollMemoryKey(k0: UInt64(bitPattern: k0), k1: UInt64(bitPattern: k1))
            }
            var generator = SystemRandomNumberGenerator()
            let key = PollMemoryKey(k0: generator.next(), k1: generator.next())
            for (name, value) in [("fingerprint_key_0", key.k0), ("fingerprint_key_1", key.k1)] {
                try db.execute(
                    "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", [name, Int64(bitPattern: value)])
            }
            return key
        }
    }

    public func heldRemovals(target: String) throws -> [HeldRemoval] {
        try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target) else { return [] }
            return try db.query(
                "SELECT kind, key, missed_polls FROM held_removals WHERE target_id = ? ORDER BY kind, key",
                [targetID]
            ) { HeldRemoval(kind: try Self.objectKind($0.string(0)), key: $0.string(1), missedPolls: $0.int(2)) }
        }
    }

    public func heldRemovals(target: String, at: Date) throws -> HeldRemovalsAt {
        try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target),
                let poll = try lastSuccessfulPoll(targetID: targetID, targetName: target, atOrBefore: at)
            else { return HeldRemovalsAt(poll: nil, domains: 0, clients: 0, objects: []) }
            let latest: Int64? =
                try db.queryFirst("SELECT last_success_id FROM targets WHERE id = ?", [targetID]) {
                    $0.optionalInt64(0)
                } ?? nil
            // Each commit replaces the held set: it describes `poll` only while no later poll has been committed.
            guard latest == poll.id else {
                let none = poll.heldDomains + poll.heldClients == 0
                return HeldRemovalsAt(
                    poll: poll, domains: poll.heldDomains, clients: poll.heldClients, objects: none ? [] : nil)
            }
            // Named by their open version (one seek each: the held set is small), else by their key.
            let objects = try db.query(
                "SELECT kind, key, missed_polls FROM held_removals WHERE target_id = ?", [targetID]
            ) { row in
                let kind = try Self.objectKind(row.string(0))
                let key = row.string(1)
                let name = try db.queryFirst(
                    """
                    SELECT name FROM object_versions INDEXED BY object_versions_open
                    WHERE target_id = ? AND kind = ? AND key = ? AND valid_to IS NULL
                    """,
                    [targetID, kind.rawValue, StoredKey.bound(key)]
                ) { $0.string(0) }
                return HeldRemovalsAt.Object(kind: kind, key: key, name: name ?? key, missedPolls: row.int(2))
            }.sorted { lhs, rhs in
                (lhs.kind.rawValue, lhs.name, lhs.key) < (rhs.kind.rawValue, rhs.name, rhs.key)
            }
            return HeldRemovalsAt(poll: poll, domains: poll.heldDomains, clients: poll.heldClients, objects: objects)
        }
    }

    /// Objects present at `at` (nil = now): versions with `valid_from <= at < valid_to` (or still open).
    ///
    /// Ordered by target name, then object name, then kind.
    public func inventory(
        target: String?,
        kind: ObjectKind?,
        at: Date?
    ) throws -> [(target: String, entry: InventoryEntry)] {
        try db.transaction(.deferred) {
            let names = try targetNames()
            let targetIDs: [Int64]
            if let target {
                guard let id = try targetID(named: target) else { return [] }
                targetIDs = [id]
            } else {
                targetIDs = Array(names.keys)
            }
            let kinds = kind.map { [$0] } ?? ObjectKind.allCases
            var result: [(target: String, entry: InventoryEntry)] = []
            for targetID in targetIDs {
                let targetName = names[targetID] ?? ""
                for kind in kinds {
                    try forEachVersion(targetID: targetID, kind: kind, at: at?.unixMilliseconds) { entry in
                        result.append((targetName, entry))
                    }
                }
            }
            result.sort { lhs, rhs in
                if lhs.target != rhs.target { return lhs.target < rhs.target }
                if lhs.entry.object.name != rhs.entry.object.name {
                    return lhs.entry.object.name < rhs.entry.object.name
                }
                return lhs.entry.object.kind.rawValue < rhs.entry.object.kind.rawValue
            }
            return result
        }
    }

    private static let versionColumns = "kind, key, name, fields_json, fields_hash, first_seen, valid_from"

    /// Open versions that started by `at`, then closed versions that were still valid at `at`.
    private func forEachVersion(
        targetID: Int64,
        kind: ObjectKind,
        at: Int64?,
        _ body: (InventoryEntry) throws -> Void
    ) throws {
        let decode = { (row: Row) throws -> InventoryEntry in
            InventoryEntry(
                object: StoredObject(
                    kind: try Self.objectKind(row.string(0)),
                    key: StoredKey.read(row, 1),
                    name: row.string(2),
                    fieldsJSON: PackedJSON.unpack(row.string(3)),
                    fieldsHash: row.int64(4)
                ),
                firstSeen: Date(unixMilliseconds: row.int64(5)),
                versionSince: Date(unixMilliseconds: row.int64(6))
            )
        }
        try db.forEachRow(
            """
            SELECT \(Self.versionColumns) FROM object_versions INDEXED BY object_versions_open
            WHERE target_id = ? AND kind = ? AND valid_to IS NULL AND valid_from <= ?
            """,
            [targetID, kind.rawValue, at ?? .max]
        ) { try body(decode($0)) }
        guard let at else { return }
        try db.forEachRow(
            """
            SELECT \(Self.versionColumns) FROM object_versions INDEXED BY object_versions_closed
            WHERE target_id = ? AND kind = ? AND valid_to IS NOT NULL AND valid_to > ? AND valid_from <= ?
            """,
            [targetID, kind.rawValue, at, at]
        ) { try body(decode($0)) }
    }
}
