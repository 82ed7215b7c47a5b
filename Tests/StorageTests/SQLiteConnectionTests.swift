import CSQLite
import Foundation
import InventoryModel
import Storage
import Testing

@Suite struct SQLiteConnectionTests {
    @Test func bindsAndReadsEveryType() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n ANY) STRICT")
            let blob = Data([0, 1, 2, 255, 0])
            let text = "zürich ✓ \u{0} tail"
            try db.execute(
                "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                [Int64.max, 2.5, text, blob, SQLiteValue.null]
            )
            try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [-1, -0.125, "", Data(), Optional<String>.none])
            try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [true, 1e300, "x", Data([7]), 42])

            let rows = try db.query("SELECT i, r, s, b, n FROM t ORDER BY rowid") { row in
                (row.int64(0), row.double(1), row.string(2), row.data(3), row.value(4), row.isNull(4))
            }
            try #require(rows.count == 3)
            #expect(rows[0].0 == Int64.max)
            #expect(rows[0].1 == 2.5)
            #expect(rows[0].2 == text)
            #expect(rows[0].3 == blob)
            #expect(rows[0].4 == .null)
            #expect(rows[0].5)
            #expect(rows[1].0 == -1)
            #expect(rows[1].1 == -0.125)
            #expect(rows[1].2 == "")
            #expect(rows[1].3 == Data())
            #expect(rows[2].0 == 1)
            #expect(rows[2].1 == 1e300)
            #expect(rows[2].4 == .integer(42))

            // Empty text and blob stay empty values, not NULL.
            let kinds = try db.query("SELECT typeof(s), typeof(b) FROM t WHERE i = -1") { ($0.string(0), $0.string(1)) }
            #expect(kinds.first?.0 == "text")
            #expect(kinds.first?.1 == "blob")

            let optionals = try db.queryFirst("SELECT NULL, 3, 'a', x'01', 1.5") { row in
                (row.optionalInt64(0), row.optionalInt(1), row.optionalString(2), row.optionalData(3), row.optionalDouble(4))
            }
            #expect(optionals?.0 == nil)
            #expect(optionals?.1 == 3)
            #expect(optionals?.2 == "a")
            #expect(optionals?.3 == Data([1]))
            #expect(optionals?.4 == 1.5)
            #expect(try db.queryFirst("SELECT 1 WHERE 0") { $0.int(0) } == nil)
        }
    }

    @Test("a blob written in place reads back whole, empty or across many pages, and replaces the row before it")
    func insertsBlobInPlace() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            try db.execute("CREATE TABLE m (k TEXT PRIMARY KEY, v INTEGER, data BLOB NOT NULL) STRICT")
            var generator = SystemRandomNumberGenerator()
            let large = Data((0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let sql = "INSERT OR REPLACE INTO m (k, v, data) VALUES (?, ?, zeroblob(?))"
            try db.transaction {
                try db.insert(sql, ["a", 1], blob: Data([1, 2, 3]), table: "m", column: "data")
                try db.insert(sql, ["b", 2], blob: large, table: "m", column: "data")
                try db.insert(sql, ["c", 3], blob: Data(), table: "m", column: "data")
                try db.insert(sql, ["a", 4], blob: Data([9]), table: "m", column: "data")
            }
            let rows = try db.query("SELECT k, v, data FROM m ORDER BY k") { ($0.string(0), $0.int(1), $0.data(2)) }
            #expect(rows.map(\.0) == ["a", "b", "c"])
            #expect(rows.map(\.1) == [4, 2, 3])
            #expect(rows[0].2 == Data([9]))
            #expect(rows[1].2 == large)
            #expect(rows[2].2 == Data())
        }
    }

    @Test func opensInWALWithForeignKeysAndFullSync() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            #expect(try db.queryFirst("PRAGMA journal_mode") { $0.string(0) } == "wal")
            #expect(try db.queryFirst("PRAGMA foreign_keys") { $0.int(0) } == 1)
            #expect(try db.queryFirst("PRAGMA synchronous") { $0.int(0) } == 2)
            // Double-quoted strings are rejected: "x" must be an identifier.
            #expect(throws: SQLiteError.self) { try db.execute(#"SELECT "no such column""#) }
        }
    }

    @Test func transactionCommitsOrRollsBack() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            try db.execute("CREATE TABLE t (v INTEGER NOT NULL)")
            struct Boom: Error {}

            #expect(throws: Boom.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            #expect(!db.isInTransaction)
            #expect(try db.queryFirst("SELECT count(*) FROM t") { $0.int(0) } == 0)

            // A nested failure undoes only the inner work.
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                _ = try? db.transaction {
                    try db.execute("INSERT INTO t VALUES (3)")
                    throw Boom()
                }
            }
            #expect(try db.query("SELECT v FROM t") { $0.int(0) } == [2])

            // A failing statement inside the body rolls everything back too.
            #expect(throws: SQLiteError.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (4)")
                    try db.execute("INSERT INTO t VALUES (NULL)")
                }
            }
            #expect(try db.query("SELECT v FROM t") { $0.int(0) } == [2])
        }
    }

    @Test func errorCarriesSQLButNeverBoundValues() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            try db.execute("CREATE TABLE secrets (password TEXT NOT NULL UNIQUE) STRICT")
            try db.execute("INSERT INTO secrets (password) VALUES (?)", ["hunter2"])
            let error = try #require(throws: SQLiteError.self) {
                try db.execute("INSERT INTO secrets (password) VALUES (?)", ["hunter2"])
            }
            #expect(error.resultCode == SQLITE_CONSTRAINT)
            #expect(error.isUniqueViolation)
            #expect(error.sql == "INSERT INTO secrets (password) VALUES (?)")
            #expect(error.description.contains("INSERT INTO secrets (password) VALUES (?)"))
            #expect(error.description.contains("UNIQUE constraint failed: secrets.password"))
            #expect(!error.description.contains("hunter2"))
            #expect(!String(reflecting: error).contains("hunter2"))

            let syntax = try #require(throws: SQLiteError.self) { try db.execute("SELEC 1") }
            #expect(syntax.resultCode == SQLITE_ERROR)
            #expect(syntax.description.contains("SELEC 1"))
        }
    }

    @Test func rejectsWrongArgumentCountsAndMultipleStatements() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            #expect(throws: SQLiteError.self) { try db.execute("SELECT ?, ?", [1]) }
            #expect(throws: SQLiteError.self) { try db.execute("SELECT 1; SELECT 2") }
            // After a failed bind the cached statement is still usable.
            #expect(try db.queryFirst("SELECT ? + ?", [1, 2]) { $0.int(0) } == 3)
        }
    }

    @Test func nestedUseOfTheSameStatementGetsAFreshOne() async throws {
        try await withTemporaryDatabase { path in
            let db = try SQLiteConnection(path: path)
            try db.execute("CREATE TABLE t (v INTEGER)")
            for v in 1...3 { try db.execute("INSERT INTO t VALUES (?)", [v]) }
            let sql = "SELECT v FROM t WHERE v >= ? ORDER BY v"
            var pairs: [[Int]] = []
            try db.forEachRow(sql, [1]) { row in
                pairs.append(try db.query(sql, [row.int(0)]) { $0.int(0) })
            }
            #expect(pairs == [[1, 2, 3], [2, 3], [3]])
        }
    }

    @Test func readOnlyConnectionCannotWrite() async throws {
        try await withTemporaryDatabase { path in
            let writer = try SQLiteConnection(path: path)
            try writer.execute("CREATE TABLE t (v INTEGER)")
            let reader = try SQLiteConnection(path: path, configuration: .init(readOnly: true))
            #expect(try reader.queryFirst("SELECT count(*) FROM t") { $0.int(0) } == 0)
            let error = try #require(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
            #expect(error.resultCode == SQLITE_READONLY)
        }
    }

    @Test func openingAMissingFileReadOnlyFailsClearly() async throws {
        try await withTemporaryDatabase { path in
            let error = try #require(throws: SQLiteError.self) {
                _ = try SQLiteConnection(path: path, configuration: .init(readOnly: true))
            }
            #expect(error.resultCode == SQLITE_CANTOPEN)
            #expect(error.description.contains(path))
        }
    }
}
