import InventoryModel
import Testing

@testable import Inventory

/// Builds objects and stored states tersely.
private func domain(_ key: String, _ name: String, hosting: String = "virtual", owner: String? = nil) -> InventoryObject {
    var fields: [String: JSONValue] = ["name": .string(name), "hosting_type": .string(hosting)]
    if let owner { fields["owner"] = .string(owner) }
    return InventoryObject(kind: .domain, key: key, name: name, fields: fields)
}

private func state(_ object: InventoryObject) -> CurrentObjectState {
    CurrentObjectState(key: object.key, name: object.name, fieldsHash: object.stored.fieldsHash)
}

private func fields(_ objects: [InventoryObject]) -> [String: String] {
    Dictionary(uniqueKeysWithValues: objects.map { ($0.key, $0.stored.fieldsJSON) })
}

/// Runs both detection steps the way the poller does.
private func detect(
    previous: [InventoryObject], seen: [InventoryObject], held: [HeldRemoval] = [],
    guard removalGuard: RemovalGuard = .init()
) -> ChangeDetector.Outcome {
    let detector = ChangeDetector(removalGuard: removalGuard)
    let plan = detector.plan(kind: .domain, previous: previous.map(state), held: held, seen: seen)
    let stored = fields(previous)
    let needed = stored.filter { plan.keysNeedingFields.contains($0.key) }
    return detector.finish(plan, previousFields: needed)
}

@Suite("Change detection")
struct ChangeDetectorTests {
    let a = domain("g-a", "a.example")
    let b = domain("g-b", "b.example")
    let c = domain("g-c", "c.example")
    let d = domain("g-d", "d.example")
    let e = domain("g-e", "e.example")

    @Test("nothing stored: every object added, nothing else")
    func nothingStored() {
        let outcome = detect(previous: [], seen: [a, b])
        #expect(outcome.added.map(\.key) == ["g-a", "g-b"])
        #expect(outcome.events.map(\.change) == [.added, .added])
        #expect(outcome.events.allSatisfy { !$0.baseline })
        #expect(outcome.modified.isEmpty && outcome.removedKeys.isEmpty && outcome.held.isEmpty)
    }

    @Test("an unchanged poll changes nothing and needs no stored fields")
    func unchanged() {
        let detector = ChangeDetector()
        let plan = detector.plan(kind: .domain, previous: [a, b].map(state), held: [], seen: [a, b])
        #expect(plan.keysNeedingFields.isEmpty)
        let outcome = detector.finish(plan, previousFields: [:])
        #expect(outcome.events.isEmpty && outcome.added.isEmpty && outcome.modified.isEmpty)
    }

    @Test("a rename is one modified event with before and after")
    func rename() throws {
        let renamed = domain("g-a", "renamed.example")
        let outcome = detect(previous: [a, b, c, d, e], seen: [renamed, b, c, d, e])
        #expect(outcome.events.count == 1)
        let event = try #require(outcome.events.first)
        #expect(event.change == .modified)
        #expect(event.key == "g-a")
        #expect(event.name == "renamed.example")
        #expect(event.changedFields == ["name"])
        #expect(event.beforeJSON == #"{"name":"a.example"}"#)
        #expect(event.afterJSON == #"{"name":"renamed.example"}"#)
        #expect(outcome.modified.map(\.key) == ["g-a"])
    }

    @Test("added and removed below the guard's threshold are events at once")
    func addAndRemove() {
        let outcome = detect(previous: [a, b, c, d, e], seen: [a, b, c, d, domain("g-f", "f.example")])
        #expect(Set(outcome.events.map { "\($0.change.rawValue) \($0.key)" }) == ["added g-f", "removed g-e"])
        #expect(outcome.removedKeys == ["g-e"])
        let removal = outcome.events.first { $0.change == .removed }
        #expect(removal?.name == "e.example")
        #expect(removal?.beforeJSON == e.stored.fieldsJSON)
        #expect(outcome.held.isEmpty)
    }

    @Test("a mass removal is held, then released after confirm_polls more polls agree")
    func guardHoldsAndReleases() {
        let removalGuard = RemovalGuard(maxFraction: 0.2, confirmPolls: 2)
        let all = [a, b, c, d, e]
        // Poll 1: 2 of 5 (40%) gone → held, no event.
        let first = detect(previous: all, seen: [a, b, c], guard: removalGuard)
        #expect(first.events.isEmpty)
        #expect(first.removedKeys.isEmpty)
        #expect(Set(first.held.map(\.key)) == ["g-d", "g-e"])
        #expect(first.held.allSatisfy { $0.missedPolls == 1 })
        // Poll 2: still gone → still held.
        let second = detect(previous: all, seen: [a, b, c], held: first.held, guard: removalGuard)
        #expect(second.events.isEmpty)
        #expect(second.held.allSatisfy { $0.missedPolls == 2 })
        // Poll 3: confirmed → two removed events.
        let third = detect(previous: all, seen: [a, b, c], held: second.held, guard: removalGuard)
        #expect(Set(third.removedKeys) == ["g-d", "g-e"])
        #expect(third.events.map(\.change) == [.removed, .removed])
        #expect(third.held.isEmpty)
    }

    @Test("held objects that come back produce no event")
    func heldComeBack() {
        let all = [a, b, c, d, e]
        let first = detect(previous: all, seen: [a, b, c])
        #expect(first.held.count == 2)
        let back = detect(previous: all, seen: all, held: first.held)
        #expect(back.events.isEmpty)
        #expect(back.held.isEmpty)
        #expect(back.removedKeys.isEmpty)
    }

    @Test("an empty list from a server that had objects is held for as long as it stays empty")
    func emptyListAlwaysHeld() {
        let removalGuard = RemovalGuard(maxFraction: 1.0, confirmPolls: 1)
        var held: [HeldRemoval] = []
        for _ in 0..<5 {
            let outcome = detect(previous: [a, b], seen: [], held: held, guard: removalGuard)
            #expect(outcome.events.isEmpty)
            #expect(outcome.held.count == 2)
            held = outcome.held
        }
        // The server lists something again: the long-missing objects are released.
        let outcome = detect(previous: [a, b], seen: [c], held: held, guard: removalGuard)
        #expect(Set(outcome.removedKeys) == ["g-a", "g-b"])
        #expect(outcome.added.map(\.key) == ["g-c"])
    }

    @Test("the guard does not trip on a single removal from a small inventory within the fraction")
    func guardFraction() {
        let many = (0..<10).map { domain("g-\($0)", "d\($0).example") }
        let outcome = detect(previous: many, seen: Array(many.dropLast(2)), guard: RemovalGuard(maxFraction: 0.2))
        #expect(outcome.removedKeys.count == 2)  // exactly 20% is not more than 20%
        let tripped = detect(previous: many, seen: Array(many.dropLast(3)), guard: RemovalGuard(maxFraction: 0.2))
        #expect(tripped.removedKeys.isEmpty)
        #expect(tripped.held.count == 3)
    }

    @Test("an owner appearing for the first time updates silently; an owner change is an event")
    func enrichmentFields() throws {
        let withoutOwner = domain("g-a", "a.example")
        let withOwner = domain("g-a", "a.example", owner: "alice")
        let first = detect(previous: [withoutOwner], seen: [withOwner])
        #expect(first.events.isEmpty)
        #expect(first.modified.map(\.key) == ["g-a"])

        let moved = domain("g-a", "a.example", owner: "bob")
        let second = detect(previous: [withOwner], seen: [moved])
        let event = try #require(second.events.first)
        #expect(event.changedFields == ["owner"])
        #expect(event.beforeJSON == #"{"owner":"alice"}"#)
        #expect(event.afterJSON == #"{"owner":"bob"}"#)
    }

    @Test("a failed owner lookup keeps the last known owner")
    func ownerCarriedForward() {
        let withOwner = domain("g-a", "a.example", owner: "alice")
        let lookupFailed = domain("g-a", "a.example")
        let outcome = detect(previous: [withOwner], seen: [lookupFailed])
        #expect(outcome.events.isEmpty)
        #expect(outcome.modified.isEmpty)
    }

    @Test("an object that comes back after removal is added again")
    func comesBack() {
        let outcome = detect(previous: [b, c, d, e], seen: [a, b, c, d, e])
        #expect(outcome.events.map(\.change) == [.added])
        #expect(outcome.added.map(\.key) == ["g-a"])
    }
}

@Suite("Canonical JSON")
struct JSONValueTests {
    @Test("keys sorted, strings escaped, stable hash")
    func canonical() {
        let value = JSONValue.object(["b": .int(1), "a": .string("x\"y\n"), "c": .array([.bool(true), .null])])
        #expect(value.canonicalText == #"{"a":"x\"y\n","b":1,"c":[true,null]}"#)
        #expect(JSONValue.parse(value.canonicalText) == value)
        #expect(JSONValue.stableHash("abc") == JSONValue.stableHash("abc"))
        #expect(JSONValue.stableHash("abc") != JSONValue.stableHash("abd"))
        // FNV-1a 64 of "a" is a published constant; a changed algorithm would orphan every stored hash.
        #expect(UInt64(bitPattern: JSONValue.stableHash("a")) == 0xaf63_dc4c_8601_ec8c)
    }
}
