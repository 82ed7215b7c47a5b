import Foundation
import Storage
import Testing

@Suite(.enabled(if: ProcessInfo.processInfo.environment["STORAGE_PROBE"] == "1"))
struct ProbeTests {
    @Test func split() async throws {
        let base = """
            target_id INTEGER NOT NULL %FK%, poll_id INTEGER NOT NULL, at INTEGER NOT NULL,
            kind TEXT NOT NULL %CK1%, change TEXT NOT NULL %CK2%, baseline INTEGER NOT NULL, acknowledged INTEGER NOT NULL DEFAULT 0,
            key TEXT NOT NULL, name TEXT NOT NULL, changed_fields TEXT NOT NULL DEFAULT '[]', acknowledged_at INTEGER,
            acknowledged_by TEXT, acknowledge_comment TEXT, before_json TEXT, after_json TEXT
            """
        let variants: [(String, String)] = [
            ("plain", "CREATE TABLE events (id INTEGER PRIMARY KEY, \(base))"),
            ("autoinc", "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, \(base))"),
            ("fk", "CREATE TABLE events (id INTEGER PRIMARY KEY, \(base.replacingOccurrences(of: "%FK%", with: "REFERENCES targets(id)")))"),
            ("checks", "CREATE TABLE events (id INTEGER PRIMARY KEY, \(base.replacingOccurrences(of: "%CK1%", with: "CHECK (kind IN ('domain','client'))").replacingOccurrences(of: "%CK2%", with: "CHECK (change IN ('added','removed','modified'))")))"),
            ("strict", "CREATE TABLE events (id INTEGER PRIMARY KEY, \(base)) STRICT"),
        ]
        for (name, create) in variants {
            try await withTemporaryDatabase { path in
                let db = try SQLiteConnection(path: path)
                try db.execute("CREATE TABLE targets (id INTEGER PRIMARY KEY, name TEXT)")
                try db.execute("INSERT INTO targets VALUES (1, 'a')")
                try db.execute(create.replacingOccurrences(of: "%FK%", with: "").replacingOccurrences(of: "%CK1%", with: "").replacingOccurrences(of: "%CK2%", with: ""))
                let keys = (0..<120_000).map { _ in "\(UUID())" }
                let clock = ContinuousClock()
                let elapsed = try clock.measure {
                    try db.transaction {
                        for i in 0..<120_000 {
                            try db.execute(
                                """
                                INSERT INTO events (target_id, poll_id, at, kind, change, baseline, acknowledged, key, name, changed_fields, acknowledged_at, acknowledged_by, before_json, after_json)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                                [1, 1, Int64(1_700_000_000_000), "domain", "added", true, false, keys[i], "d\(i).example", "[]", nil as Int64?, nil as String?, nil as String?, #"{"hosting":"virtual","v":1}"#])
                        }
                    }
                }
                print("probe: 120k events, \(name): \(elapsed)")
            }
        }
    }
}
