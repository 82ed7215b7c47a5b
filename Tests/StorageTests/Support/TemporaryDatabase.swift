import Foundation
import Logging
import InventoryModel
import Storage
import TestSupport

/// A fresh directory per test, removed afterwards; the database file inside it does not exist yet.
func withTemporaryDatabase<T>(_ body: (_ path: String) async throws -> T) async throws -> T {
    let directory = try TemporaryDirectory()
    return try await body(directory.file("inventory.sqlite"))
}

/// A freshly created store on a temporary database.
func withStore<T>(_ body: (_ store: SQLiteInventoryStore, _ path: String) async throws -> T) async throws -> T {
    try await withTemporaryDatabase { path in
        let store = try SQLiteInventoryStore(path: path, logger: .quiet)
        return try await body(store, path)
    }
}

extension Logger {
    static let quiet = Logger(label: "storage-tests", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// Whole-second times, so that they survive the millisecond storage exactly.
let t0 = Date(timeIntervalSince1970: 1_700_000_000)

func at(_ seconds: Int) -> Date { t0.addingTimeInterval(TimeInterval(seconds)) }

func domain(_ n: Int, version: Int64 = 1) -> StoredObject {
    StoredObject(
        kind: .domain,
        key: "guid-d\(n)",
        name: "d\(n).example",
        fieldsJSON: #"{"hosting":"virtual","v":\#(version)}"#,
        fieldsHash: version
    )
}

func client(_ n: Int, version: Int64 = 1) -> StoredObject {
    StoredObject(
        kind: .client,
        key: "guid-c\(n)",
        name: "client\(n)",
        fieldsJSON: #"{"status":"active","v":\#(version)}"#,
        fieldsHash: version
    )
}

func addedEvent(_ object: StoredObject, baseline: Bool = false, acknowledgedBy: String? = nil) -> NewEvent {
    NewEvent(
        kind: object.kind,
        change: .added,
        key: object.key,
        name: object.name,
        baseline: baseline,
        afterJSON: object.fieldsJSON,
        acknowledgedBy: acknowledgedBy
    )
}

func removedEvent(_ object: StoredObject) -> NewEvent {
    NewEvent(kind: object.kind, change: .removed, key: object.key, name: object.name, beforeJSON: object.fieldsJSON)
}

func modifiedEvent(from old: StoredObject, to new: StoredObject) -> NewEvent {
    NewEvent(
        kind: new.kind,
        change: .modified,
        key: new.key,
        name: new.name,
        changedFields: ["v"],
        beforeJSON: #"{"v":\#(old.fieldsHash)}"#,
        afterJSON: #"{"v":\#(new.fieldsHash)}"#
    )
}

/// A baseline poll of `objects` at `time` as the poller commits it: its events implied by the objects, acknowledged
/// by "baseline" (stored as runs, migration 11).
func baselinePoll(target: String, objects: [StoredObject], at time: Date) -> CompletePoll {
    var poll = CompletePoll(
        target: target,
        startedAt: time.addingTimeInterval(-1),
        finishedAt: time,
        baseline: true,
        counts: PollCounts(
            domains: objects.count { $0.kind == .domain },
            clients: objects.count { $0.kind == .client }
        ),
        added: objects
    )
    poll.impliedBaselineEvents = ImpliedBaselineEvents(kinds: Set(objects.map(\.kind)), acknowledgedBy: "baseline")
    return poll
}
