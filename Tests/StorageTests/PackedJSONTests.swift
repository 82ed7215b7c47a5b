import Foundation
import InventoryModel
import Storage
import Testing
import TestSupport

@Suite struct PackedJSONTests {
    private let domainJSON =
        #"{"aliases":[],"ascii_name":"xn--mnchen-3ya.example","base_domain_id":0,"created":"2014-01-01","#
        + #""hosting_type":"virtual","id":1,"name":"münchen.example","owner":"alice","www_root":"/var/www"}"#

    @Test func packsKnownNamesAndUnpacksExactly() {
        let packed = PackedJSON.pack(domainJSON)
        #expect(packed.utf8.first == 0x01)
        #expect(packed.utf8.count == domainJSON.utf8.count - 86)
        #expect(!packed.contains("\"ascii_name\":"))
        #expect(PackedJSON.unpack(packed) == domainJSON)
    }

    @Test("names inside strings, escaped quotes, unknown and long names and values come back byte for byte", arguments: [
        #"{"description":"\"name\": is not a field","x\"id":1,"idx":2,"id":3}"#,
        #"{"name":"\\","owner":"\"owner\":","a_very_long_field_name_beyond_the_table_width":"name"}"#,
        #"{"name":"id","id":"name","":0,"\"":1}"#,
        #"["name","id",{"locked":true,"synchronized":false,"limits":{"disk_space":-1}}]"#,
        #""name":"#,
        "\"",
        "",
        "{\"name\":\"\u{10FFFF}é\"}",
    ])
    func roundTripsTrickyText(_ json: String) {
        #expect(PackedJSON.unpack(PackedJSON.pack(json)) == json)
    }

    @Test func textWithARawControlByteIsStoredAsItIs() {
        let json = "{\"name\":\"a\u{1}b\",\"id\":\"\u{2}\"}"
        #expect(PackedJSON.pack(json) == json)
        #expect(PackedJSON.unpack(json) == json)
        for leading in ["\u{1}{}", "\u{2}{}", "\u{1}"] {
            #expect(PackedJSON.unpack(PackedJSON.pack(leading)) == leading)
        }
    }

    @Test func rowsWrittenBeforePackingReadAsTheyAre() {
        #expect(PackedJSON.unpack(domainJSON) == domainJSON)
        #expect(PackedJSON.unpack(nil as String?) == nil)
    }

    @Test func randomTextRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "\"name\":", "\"id\":", "\"", ":", "\\", "\\\"", "name", "{", "}", ",", "é", "\u{1}", "\"ascii_name\"",
            "\"www_root\":\"", " ", "0",
        ]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(PackedJSON.unpack(PackedJSON.pack(text)) == text, "\(text.debugDescription)")
        }
    }

    @Test func theStoreWritesPackedRowsAndReadsThemBack() async throws {
        try await withTemporaryDatabase { path in
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            let object = StoredObject(
                kind: .domain, key: "guid-1", name: "münchen.example", fieldsJSON: domainJSON, fieldsHash: 7)
            try await store.commit(baselinePoll(target: "a", objects: [object], at: at(0)))
            let db = try SQLiteConnection(path: path)
            let stored = try db.queryFirst("SELECT fields_json FROM object_versions") { $0.string(0) }
            #expect(stored?.utf8.first == 0x01)
            #expect(try await store.inventory(target: "a", kind: .domain, at: nil).map(\.entry.object.fieldsJSON)
                == [domainJSON])
            #expect(try await store.currentFields(target: "a", kind: .domain, keys: ["guid-1"]) == ["guid-1": domainJSON])
            let events = try await store.events(EventQuery(includeBaseline: true))
            #expect(events.map(\.afterJSON) == [domainJSON])
        }
    }
}
