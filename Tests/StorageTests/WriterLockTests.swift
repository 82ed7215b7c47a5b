import Foundation
import InventoryModel
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("One writer per database")
struct WriterLockTests {
    @Test func aSecondPollerIsRefusedNamingTheHolder() async throws {
        try await withTemporaryDatabase { path in
            let first = try #require(try WriterLock.acquire(databasePath: path))
            let refused = #expect(throws: StorageError.self) { try WriterLock.acquire(databasePath: path) }
            #expect(refused?.code == .databaseBusy)
            #expect(refused?.description.contains("PID \(getpid())") == true)
            #expect(refused?.description.contains(path) == true)
            #expect(first.path == path + ".lock")
            _ = first
        }
    }

    @Test func theLockIsReleasedWithItsHolder() async throws {
        try await withTemporaryDatabase { path in
            do {
                let held = try WriterLock.acquire(databasePath: path)
                #expect(held != nil)
            }
            let again = try WriterLock.acquire(databasePath: path)
            #expect(again != nil)
        }
    }

    @Test func createsTheDatabaseDirectoryForTheExporterOnly() async throws {
        try await withTemporaryDatabase { path in
            let nested = URL(fileURLWithPath: path).deletingLastPathComponent()
                .appendingPathComponent("a/b/plesk.db").path
            let lock = try WriterLock.acquire(databasePath: nested)
            #expect(lock != nil)
            let attributes = try FileManager.default.attributesOfItem(
                atPath: URL(fileURLWithPath: nested).deletingLastPathComponent().path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
    }

    @Test func inMemoryDatabasesNeedNoLock() throws {
        #expect(try WriterLock.acquire(databasePath: ":memory:") == nil)
    }

    @Test func readersAndAckDoNotNeedTheLock() async throws {
        try await withTemporaryDatabase { path in
            _ = try SQLiteInventoryStore(path: path, logger: .quiet)
            let lock = try WriterLock.acquire(databasePath: path)
            #expect(lock != nil)
            let reader = try SQLiteInventoryStore(path: path, logger: .quiet, readOnly: true)
            #expect(try await reader.targets().isEmpty)
            let writer = try SQLiteInventoryStore(path: path, logger: .quiet)
            try await writer.registerTarget(name: "web01", url: "https://web01:8443")
            #expect(try await reader.targets().map(\.name) == ["web01"])
            _ = lock
        }
    }
}
