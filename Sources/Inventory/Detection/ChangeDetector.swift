import InventoryModel

/// Turns a complete poll into changes and events. Pure logic: no I/O.
///
/// Detection runs in two steps so that unchanged objects never need their stored fields: ``plan(kind:previous:held:seen:)``
/// compares hashes and decides removals; the caller loads the stored fields of ``Plan/keysNeedingFields`` and
/// ``finish(_:previousFields:)`` builds the events.
public struct ChangeDetector: Sendable {
    public var removalGuard: RemovalGuard

    public init(removalGuard: RemovalGuard = .init()) {
        self.removalGuard = removalGuard
    }

    /// The first step's result for one kind.
    public struct Plan: Sendable {
        public var kind: ObjectKind
        public var added: [InventoryObject]
        /// Objects present before and now whose hash differs.
        public var changed: [InventoryObject]
        /// Keys removed by this poll (outright, or released by the guard).
        public var removedKeys: [String]
        /// The held set after this poll.
        public var held: [HeldRemoval]
        /// Names of removed objects, for their events.
        var removedNames: [String: String]

        /// Keys whose stored fields ``finish(_:previousFields:)`` needs.
        public var keysNeedingFields: [String] { changed.map(\.key) + removedKeys }
    }

    /// The second step's result for one kind: what to write.
    public struct Outcome: Sendable {
        public var added: [StoredObject]
        public var modified: [StoredObject]
        public var removedKeys: [String]
        public var events: [NewEvent]
        public var held: [HeldRemoval]
    }

    /// Compares a complete poll's objects of one kind with the stored state.
    /// - Parameters:
    ///   - previous: the open objects stored for the target (held ones included: they are still present).
    ///   - held: the target's held removals of this kind.
    ///   - seen: what this poll returned (keys are unique: the client rejects duplicates).
    ///   - unchanged: objects this poll returned that are known unchanged and left out of both `previous` and
    ///     `seen` (they count for the removal guard, nothing else).
    public func plan(
        kind: ObjectKind, previous: [CurrentObjectState], held: [HeldRemoval], seen: [InventoryObject],
        unchanged: Int = 0
    ) -> Plan {
        var previousByKey: [String: CurrentObjectState] = [:]
        previousByKey.reserveCapacity(previous.count)
        for state in previous { previousByKey[state.key] = state }

        var added: [InventoryObject] = []
        var changed: [InventoryObject] = []
        var seenKeys = Set<String>(minimumCapacity: seen.count)
        for object in seen {
            seenKeys.insert(object.key)
            if let before = previousByKey[object.key] {
                if before.fieldsHash != object.stored.fieldsHash || before.name != object.name {
                    changed.append(object)
                }
            } else {
                added.append(object)
            }
        }

        let missing = previous.filter { !seenKeys.contains($0.key) }
        let heldBefore = Dictionary(held.filter { $0.kind == kind }.map { ($0.key, $0.missedPolls) }) { a, _ in a }
        let trips = removalGuard.trips(
            known: previous.count + unchanged, seen: seen.count + unchanged, missing: missing.count)
        var removedKeys: [String] = []
        var removedNames: [String: String] = [:]
        var heldAfter: [HeldRemoval] = []
        for state in missing {
            if trips || heldBefore[state.key] != nil {
                let missed = (heldBefore[state.key] ?? 0) + 1
                if removalGuard.releases(missedPolls: missed, listIsEmpty: seen.isEmpty && unchanged == 0) {
                    removedKeys.append(state.key)
                    removedNames[state.key] = state.name
                } else {
                    heldAfter.append(HeldRemoval(kind: kind, key: state.key, missedPolls: missed))
                }
            } else {
                removedKeys.append(state.key)
                removedNames[state.key] = state.name
            }
        }
        return Plan(
            kind: kind, added: added, changed: changed, removedKeys: removedKeys, held: heldAfter,
            removedNames: removedNames)
    }

    /// Builds the writes and events of a plan, given the stored fields JSON of its ``Plan/keysNeedingFields``. (A
    /// kind taking its baseline is not diffed: the poller adds its objects, and the store derives their events.)
    public func finish(_ plan: Plan, previousFields: [String: String]) -> Outcome {
        var events: [NewEvent] = []
        events.reserveCapacity(plan.added.count)
        for object in plan.added {
            events.append(
                NewEvent(
                    kind: plan.kind, change: .added, key: object.key, name: object.name,
                    afterJSON: object.stored.fieldsJSON))
        }

        var modified: [StoredObject] = []
        for object in plan.changed {
            let before = previousFields[object.key].flatMap(JSONValue.parse)?.objectValue ?? [:]
            var after = object.fields
            // An enrichment call that failed this time leaves its field out: the last known value stays.
            for field in [EnrichmentField.owner, EnrichmentField.status] where after[field] == nil && before[field] != nil {
                after[field] = before[field]
            }
            let changedFields = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            if changedFields.isEmpty { continue }
            modified.append(InventoryObject(kind: object.kind, key: object.key, name: object.name, fields: after).stored)
            // A field that enrichment fills for the first time (or stops reporting) is not a change of the object.
            let significant = changedFields.filter { field in
                let enrichment = field == EnrichmentField.owner || field == EnrichmentField.status
                return !(enrichment && (before[field] == nil || after[field] == nil))
            }
            guard !significant.isEmpty else { continue }
            events.append(
                NewEvent(
                    kind: plan.kind, change: .modified, key: object.key, name: object.name,
                    changedFields: significant,
                    beforeJSON: JSONValue.object(before.filter { significant.contains($0.key) }).canonicalText,
                    afterJSON: JSONValue.object(after.filter { significant.contains($0.key) }).canonicalText))
        }

        for key in plan.removedKeys {
            events.append(
                NewEvent(
                    kind: plan.kind, change: .removed, key: key, name: plan.removedNames[key] ?? key,
                    beforeJSON: previousFields[key]))
        }
        return Outcome(
            added: plan.added.map(\.stored), modified: modified, removedKeys: plan.removedKeys, events: events,
            held: plan.held)
    }
}
