import Foundation
import InventoryModel
import Storage
import Testing
import TestSupport

/// The readers' own connection (`SQLiteInventoryStore.reader()`): another store on another connection, which sees
/// every commit and never writes. That its pages do not queue behind the writer's commits is a matter of time, so it
/// is measured (`plesk_exporter_bench --contention-only`), not asserted.
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
}
