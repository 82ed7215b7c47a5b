import Foundation
import PleskSimulator
import InventoryModel
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A database file the exporter cannot use gives one clear line and exit code 2 — and is left as it was.
@Suite("End to end: databases that cannot be used", .tags(.heavy, .endToEnd))
struct StartupRobustnessTests {
    /// `poll` and `serve` against `database`, each expected to exit 2 naming the file and `fragment`.
    private func expectRefused(
        _ database: String, containing fragment: String, prefix: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let binary = try exporterBinary()
        let directory = try TemporaryDirectory()
        let config = try directory.write(
            "plesk_exporter.yml",
            """
            targets:
              - {name: web01, url: "https://127.0.0.1:1", api_key: 0123456789abcdef0123456789abcdef}
            """)
        // Readable by the user the binary may run as (nobody, below); it holds no real secret.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: config)
        for command in [["poll"], ["serve", "--web.listen-address", "127.0.0.1:0"]] {
            let output = try await ChildProcess.run(
                prefix.isEmpty ? binary : prefix[0],
                Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [binary]) + command
                    + ["--config.file", config, "--storage.path", database])
            #expect(output.status == 2, "\(command[0]): \(output.stderr)", sourceLocation: sourceLocation)
            #expect(output.stderr.contains(database), "\(output.stderr)", sourceLocation: sourceLocation)
            #expect(output.stderr.contains(fragment), "\(output.stderr)", sourceLocation: sourceLocation)
            #expect(!output.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
            #expect(output.stderr.split(separator: "\n").count <= 3, "\(output.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test("a file that is not SQLite (corrupt, or a wrong path) is refused and left untouched")
    func corruptFile() async throws {
        let directory = try TemporaryDirectory()
        var random = SeededRandom(seed: 3)
        let garbage = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &random) })
        let database = directory.file("plesk.db")
        try garbage.write(to: URL(fileURLWithPath: database))
        try await expectRefused(database, containing: "not a plesk_exporter database")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == garbage)
    }

    @Test("a database with a damaged page is refused")
    func damagedDatabase() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("plesk.db")
        do {
            let store = try SQLiteInventoryStore(path: database, logger: testLogger)
            try await store.registerTarget(name: "web01", url: "https://web01:8443")
            try await store.checkpoint()
        }
        // Overwrite the schema page's records (past the 100-byte header) with garbage.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: database))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 3900))
        try handle.close()
        try await expectRefused(database, containing: "malformed")
    }

    @Test("another program's SQLite database is refused, and nothing is written into it")
    func foreignDatabase() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("invoices.db")
        do {
            let db = try SQLiteConnection(path: database)
            try db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        }
        try await expectRefused(database, containing: "another program")
        let db = try SQLiteConnection(path: database)
        #expect(try db.query("SELECT name FROM sqlite_schema") { $0.string(0) } == ["invoices"])
    }

    @Test("a database locked by another program is refused after the busy timeout")
    func lockedDatabase() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("plesk.db")
        _ = try SQLiteInventoryStore(path: database, logger: testLogger)
        let holder = try SQLiteConnection(path: database)
        try holder.execute("BEGIN EXCLUSIVE")
        try await expectRefused(database, containing: "locked")
        try holder.execute("ROLLBACK")
    }

    @Test("a database the exporter's user may not write is refused")
    func readOnlyDatabase() async throws {
        let directory = try TemporaryDirectory()
        let storage = directory.file("data")
        let database = storage + "/plesk.db"
        _ = try SQLiteInventoryStore(path: database, logger: testLogger)
        let files = FileManager.default
        if getuid() == 0 {
            // root writes whatever the mode says: run the binary as nobody, with the database readable by all and
            // the directory and the lock file open to it, so what refuses is SQLite's read-only database.
            let setpriv = try #require(
                ["/usr/bin/setpriv", "/bin/setpriv"].first { files.isExecutableFile(atPath: $0) },
                "setpriv (util-linux) is needed to run the binary as another user")
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: storage)
            try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database)
            try "".write(toFile: database + ".lock", atomically: false, encoding: .utf8)
            try files.setAttributes([.posixPermissions: 0o666], ofItemAtPath: database + ".lock")
            try await expectRefused(
                database, containing: "readonly",
                prefix: [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"])
        } else {
            try files.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
            try await expectRefused(database, containing: "readonly")
        }
    }

    @Test("a missing storage directory is created, for the exporter's user only")
    func missingDirectory() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("var/lib/plesk_exporter/plesk.db")
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
            let config = directory.file("plesk_exporter.yml")
            try EndToEndTests.writeConfig([plesk], to: config)
            let output = try await EndToEndTests.run(["poll", "--config.file", config, "--storage.path", database])
            #expect(output.status == 0, "\(output.stderr)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.file("var/lib/plesk_exporter"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(FileManager.default.fileExists(atPath: database))
    }
}
