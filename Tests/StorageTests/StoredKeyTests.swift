import Foundation
import InventoryModel
import Storage
import Testing
import TestSupport

/// Object version keys that are lowercase UUIDs kept as 16 bytes (migration 12), every other key as text.
@Suite struct StoredKeyTests {
    private static let guids = [
        "39f992b0-9bfa-42cf-83aa-3763be8d742e", "910a2dec-8902-4cc1-beeb-8da1658eec67",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ]

    @Test("a lowercase UUID converts to its bits and back; any other text does not convert")
    func uuidKeysRoundTrip() {
        var generator = SeededRandom(seed: 3)
        let random = (0..<200).map { _ in
            UUIDKey(high: .random(in: .min ... .max, using: &generator), low: .random(in: .min ... .max, using: &generator))
        }
        for key in random {
            #expect(UUIDKey(key.text) == key)
            #expect(UUIDKey(bytes: key.bytes) == key)
            #expect(key.text == key.text.lowercased() && key.text.count == 36)
        }
        for guid in Self.guids { #expect(UUIDKey(guid)?.text == guid) }
        // Bytes sort as the text does: the key indexes keep their order.
        #expect(random.sorted { $0.text < $1.text } == random.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) })
        for text in [
            "39F992B0-9BFA-42CF-83AA-3763BE8D742E", "39f992b09bfa42cf83aa3763be8d742e", "{39f992b0-9bfa-42cf-83aa-3763be8d742e}",
            "39f992b0-9bfa-42cf-83aa-3763be8d742g", "39f992b0-9bfa-42cf-83aa_3763be8d742e", "id:17", "", "guid-d1",
            "39f992b0-9bfa-42cf-83aa-3763be8d742é",
        ] {
            #expect(UUIDKey(text) == nil, "\(text)")
        }
        #expect(UUIDKey(bytes: [UInt8](repeating: 1, count: 15)) == nil)
    }

    @Test("guid keys are stored as 16 bytes, other keys as text, and every read and lookup gives the key back")
    func storesGuidsAsBytes() async throws {
        try await withStore { store, path in
            func object(_ key: String, _ name: String, version: Int64 = 1) -> StoredObject {
                StoredObject(kind: .domain, key: key, name: name, fieldsJSON: #"{"v":\#(version)}"#, fieldsHash: version)
            }
            let keys = Self.guids + ["id:17", "39F992B0-9BFA-42CF-83AA-3763BE8D742E"]
            let objects = keys.enumerated().map { object($1, "d\($0).example") }
            try await store.commit(baselinePoll(target: "t", objects: objects, at: at(0)))
            let db = try SQLiteConnection(path: path)
            let types = try db.query("SELECT typeof(key) FROM object_versions ORDER BY id") { $0.string(0) }
            #expect(types == ["blob", "blob", "blob", "blob", "text", "text"])

            #expect(Set(try await store.currentObjects(target: "t", kind: .domain).map(\.key)) == Set(keys))
            #expect(
                try await store.currentObjects(target: "t", kind: .domain, keys: [keys[1], keys[4], "nowhere"]).map(\.key)
                    == [keys[1], keys[4]])
            // The uppercase key is another object's key: it finds only its own.
            #expect(try await store.currentObjects(target: "t", kind: .domain, keys: [keys[5]]).map(\.name) == ["d5.example"])
            #expect(try await store.currentFields(target: "t", kind: .domain, keys: [keys[0]]) == [keys[0]: #"{"v":1}"#])

            // A change and a removal close the guid's version; a held removal is named by its open version.
            try await store.commit(
                CompletePoll(
                    target: "t", startedAt: at(60), finishedAt: at(60), baseline: false, counts: PollCounts(),
                    modified: [object(keys[0], "d0.example", version: 2)], removed: [(.domain, keys[1])],
                    events: [modifiedEvent(from: objects[0], to: object(keys[0], "d0.example", version: 2)), removedEvent(objects[1])],
                    held: [HeldRemoval(kind: .domain, key: keys[2], missedPolls: 1)]))
            #expect(try await store.currentObjects(target: "t", kind: .domain, keys: [keys[0]]).map(\.fieldsHash) == [2])
            #expect(try await store.currentObjects(target: "t", kind: .domain, keys: [keys[1]]).isEmpty)
            let held = try await store.heldRemovals(target: "t", at: at(60))
            #expect(held.objects?.map(\.name) == ["d2.example"])
            #expect(held.objects?.map(\.key) == [keys[2]])

            let then = try await store.inventory(target: "t", kind: .domain, at: at(30))
            #expect(Set(then.map(\.entry.object.key)) == Set(keys))
            #expect(then.first { $0.entry.object.key == keys[0] }?.entry.object.fieldsHash == 1)
            let now = try await store.inventory(target: "t", kind: nil, at: nil)
            #expect(Set(now.map(\.entry.object.key)) == Set(keys).subtracting([keys[1]]))

            // Baseline events are read through the versions: open, closed by a change, closed by a removal.
            for key in keys[0...2] {
                let events = try await store.events(EventQuery(key: key))
                #expect(events.first?.baseline == true && events.first?.key == key, "\(key)")
            }
            #expect(try await store.events(EventQuery(key: keys[0])).map(\.change) == [.added, .modified])
            #expect(try await store.events(EventQuery(key: keys[1])).map(\.change) == [.added, .removed])
            #expect(try await store.events(EventQuery(key: keys[5])).map(\.name) == ["d5.example"])
        }
    }
}
