import Foundation
import InventoryModel
import Storage
import Testing
import TestSupport

/// The readers' own connection (`SQLiteInventoryStore.reader()`): it sees every commit, never writes, and reads
/// while a write transaction is open on the writer's connection (WAL).
@Suite("The readers' own connection")
struct ReaderConnectionTests {
    @Test("a reader of a file is another store: it sees each commit and refuses to write")
    func readerSeesCommitsAndCannotWrite() async throws {
        try await withStore { writer, _ in
            let reader = try writer.reader()
            let store = try #require(reader as? SQLiteInventoryStore)
            #expect(store !== writer)
            #expect(store.isReadOnly)
            try await writer.commit(baselinePoll(target: "a", objects: [domain(1), client(1)], at: at(0)))
            #expect(try await reader.events(EventQuery()).count == 2)
            #expect(try await reader.inventory(target: "a", kind: nil, at: nil).count == 2)
            await #expect(throws: (any Error).self) {
                _ = try await store.acknowledge(ids: [1], by: "ops", comment: nil, at: at(1))
            }
        }
    }

    @Test("a page is read while another connection holds a write transaction open")
    func readsDuringAnOpenWrite() async throws {
        try await withStore { writer, path in
            try await writer.commit(baselinePoll(target: "a", objects: [domain(1), domain(2)], at: at(0)))
            let reader = try writer.reader()
            // A commit in progress elsewhere: BEGIN IMMEDIATE holds the write lock until the end of the test.
            let other = try SQLiteConnection(path: path)
            try other.execute("BEGIN IMMEDIATE")
            try other.execute("UPDATE targets SET url = 'https://changing.example' WHERE name = 'a'")
            let page = try await reader.events(EventQuery(limit: 10))
            #expect(page.count == 2)
            #expect(try await reader.targets().first?.url != "https://changing.example")
            try other.execute("ROLLBACK")
        }
    }
}
