import Foundation
import InventoryModel
import Storage
import Testing

@Suite struct BackupTests {
    @Test func copyIsCompleteCheckedAndSelfContained() async throws {
        try await withStore { store, path in
            try await store.commit(baselinePoll(target: "web01", objects: (1...50).map { domain($0) }, at: at(0)))
            let copyPath = path + ".backup"
            try "an older backup".write(toFile: copyPath, atomically: true, encoding: .utf8)
            let report = try await store.backup(to: copyPath)
            #expect(report.schemaVersion == SQLiteInventoryStore.schemaVersion)
            #expect(report.bytes > 0)
            // One file, nothing beside it, and a working store with the same history.
            let siblings = try FileManager.default.contentsOfDirectory(atPath: (copyPath as NSString).deletingLastPathComponent)
            #expect(siblings.filter { $0.hasPrefix("inventory.sqlite.backup") } == ["inventory.sqlite.backup"])
            let copy = try SQLiteInventoryStore(path: copyPath, logger: .quiet, readOnly: true)
            #expect(try await copy.events(EventQuery(limit: 1000)).count == 50)
            #expect(try await copy.inventory(target: "web01", kind: nil, at: nil).count == 50)
        }
    }

    @Test func aFailedBackupLeavesNothingBehind() async throws {
        try await withStore { store, path in
            let target = path + ".missing-directory/copy.db"
            await #expect(throws: (any Error).self) { try await store.backup(to: target) }
            #expect(!FileManager.default.fileExists(atPath: path + ".missing-directory"))
        }
    }
}
