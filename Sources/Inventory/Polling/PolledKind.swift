import PleskAPI
import InventoryModel

/// One kind's objects of a complete poll, measured against what the poller remembers of its last one.
struct PolledKind<Facts: Sendable>: Sendable {
    /// Objects that are new or may have changed: everything when nothing was remembered.
    var candidates: [InventoryObject]
    /// Remembered objects (same bytes) whose enrichment values changed: their bytes were not kept, so their fields
    /// are the stored ones with the new enrichment values (`TargetPoller.reenrich`).
    var reenrich: [(key: String, position: Int)]
    /// Objects known unchanged since the last committed poll (left out of ``candidates``).
    var unchanged: Int
    /// Keys remembered from the last committed poll that are not among the unchanged objects: changed or gone.
    /// Nil when nothing was remembered, so the stored state must be read in full.
    var vanished: [String]?
    /// What to remember once this poll is committed.
    var known: KnownObjects<Facts>

    /// Whether ``known`` differs from what was remembered (only then is it written with the poll). Settled when the
    /// list is sorted: re-enriched objects only join the candidates when ``reenrich`` already says so, and the
    /// candidates are let go of before the commit.
    let changesMemory: Bool
}

extension PolledKind {
    /// Sorts a scanned list into unchanged objects and candidates.
    /// - Parameters:
    ///   - facts: the facts of each listed object, by position.
    ///   - remembered: the last committed poll's objects the list was scanned against, or nil (then every object is a
    ///     candidate).
    ///   - duplicate: the error for an object id and key listed twice.
    ///   - enrichment: the hash of the enrichment values of the object at a position.
    ///   - id: an object's Plesk id, from its facts.
    ///   - object: an object built from its decoded element.
    /// - Throws: `duplicate` when two objects share a guid or an id (the client checks only the objects it
    ///   decoded), or the error of an object that cannot be decoded.
    init<Element>(
        _ list: inout ScannedList<Element>, key: FingerprintKey, facts: [Facts], remembered: KnownObjects<Facts>?,
        duplicate: (Int, String) -> any Error, enrichment: (Int) -> Int, id: (Facts) -> Int,
        object: (Element) -> InventoryObject
    ) throws {
        var entries: [KnownObjects<Facts>.Entry] = []
        var candidates: [InventoryObject] = []
        var reenrich: [(key: String, position: Int)] = []
        var isUnchanged = [Bool](repeating: false, count: list.count)
        var matched = [Bool](repeating: false, count: remembered?.entries.count ?? 0)
        // Whether every object so far is the remembered one at the same position: until one is not, `entries` is
        // not built (it would be what was remembered, and an unchanged poll would build it only to drop it).
        var inPlace = remembered != nil
        // Kept as the memory until the list changes: its capacity is exactly the list (grown by appending, a
        // baseline's would keep up to twice its size).
        if !inPlace { entries.reserveCapacity(list.count) }
        // With nothing remembered every object is a candidate (grown by appending, a baseline's list was up to a
        // third larger than its objects through the diff).
        if remembered == nil { candidates.reserveCapacity(list.count) }
        func leavePlace(at index: Int) {
            inPlace = false
            entries.reserveCapacity(list.count)
            entries.append(contentsOf: remembered!.entries[..<index])
        }
        for index in 0..<list.count {
            let hash = enrichment(index)
            let position = remembered == nil ? nil : list.knownPosition(at: index)
            if let position, let remembered, remembered.entries[position].enrichment == hash {
                isUnchanged[index] = true
                matched[position] = true
                if inPlace, position == index { continue }
                if inPlace { leavePlace(at: index) }
                entries.append(remembered.entries[position])
                continue
            }
            if inPlace { leavePlace(at: index) }
            if let element = list.takeElement(at: index) {
                let candidate = object(element)
                candidates.append(candidate)
                entries.append(.init(key: CompactKey(candidate.key), enrichment: hash, facts: facts[index]))
            } else if let position, let remembered {
                let key = remembered.entries[position].key
                reenrich.append((key.text, index))
                entries.append(.init(key: key, enrichment: hash, facts: facts[index]))
            } else {
                throw UndecodedObject()
            }
        }
        let unchanged = isUnchanged.lazy.filter { $0 }.count
        let known: KnownObjects<Facts>
        if inPlace, let remembered, remembered.entries.count == list.count {
            // The same objects in the same order: what was remembered is this poll's memory, with its sorted
            // fingerprints (not sorted again) and already free of repeats. (Each object was found by its
            // fingerprint at its own position, so the fingerprints are the remembered ones.)
            known = remembered
        } else {
            if inPlace { leavePlace(at: list.count) }
            known = KnownObjects(fingerprints: KnownFingerprints(key: key, list.fingerprints), entries: entries)
            // The same bytes twice: the same guid and id twice.
            if let repeated = known.fingerprints.repeatedPosition {
                throw duplicate(id(entries[repeated].facts), entries[repeated].key.text)
            }
        }
        if unchanged > 0, !candidates.isEmpty {
            // Unchanged objects were unique among themselves last time; a candidate may repeat one of them. (A
            // re-enriched object is a remembered one: its bytes, and so its key, are unique like theirs.)
            let keys = Set(candidates.map { CompactKey($0.key) })
            let ids = Set(facts.indices.filter { !isUnchanged[$0] }.map { id(facts[$0]) })
            for index in entries.indices where isUnchanged[index] {
                if keys.contains(entries[index].key) || ids.contains(id(entries[index].facts)) {
                    throw duplicate(id(entries[index].facts), entries[index].key.text)
                }
            }
        }
        self.candidates = candidates
        self.reenrich = reenrich
        self.unchanged = unchanged
        self.vanished = remembered.map { remembered in
            remembered.entries.indices.filter { !matched[$0] }.map { remembered.entries[$0].key.text }
        }
        self.known = known
        changesMemory = vanished.map { !$0.isEmpty || !candidates.isEmpty || !reenrich.isEmpty } ?? true
    }
}

/// An object that is neither remembered nor decoded: the source broke its promise to decode unknown objects.
struct UndecodedObject: Error, CustomStringConvertible {
    var description: String { "the list scan left an unknown object undecoded" }
}
