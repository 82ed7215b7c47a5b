import InventoryModel
import PleskAPI

/// One kind's list as fetched, its types hidden so that the poller holds every kind's in one array.
protocol FetchedKind: Sendable {
    var kind: ObjectKind { get }
    func count(into counts: inout PollCounts)
    /// Sorts the objects into unchanged ones and candidates (only those are reduced to stored fields). The decoded
    /// objects are let go of one by one as they are reduced: call once.
    mutating func reduce(key: FingerprintKey, enrichment: Enrichment, target: String) throws -> any ReducedKind
}

/// A kind's fetched list with its types.
struct Fetched<Kind: PolledObjectKind>: FetchedKind {
    /// Nil once reduced.
    private(set) var list: ScannedList<Kind.Element>?
    let remembered: KnownObjects<Kind.Facts>?
    /// The facts of every listed object: remembered ones from memory, the others from their decoded element.
    let facts: [Kind.Facts]

    // The kinds are held as `any PolledObjectKind.Type`, so without these every per-object step ran as unspecialized
    // generic code, looking up generic metadata for each object.
    @_specialize(where Kind == PolledDomains)
    @_specialize(where Kind == PolledClients)
    @_specialize(where Kind == PolledSubscriptions)
    @_specialize(where Kind == PolledPlans)
    init(list: ScannedList<Kind.Element>, remembered: KnownObjects<Kind.Facts>?) throws {
        self.list = list
        self.remembered = remembered
        var decoded: [Int] = []
        var facts = try list.fingerprints.indices.map { index in
            if let remembered, let position = list.knownPosition(at: index) { return remembered.entries[position].facts }
            guard let element = list.element(at: index) else { throw UndecodedObject() }
            decoded.append(index)
            return Kind.facts(element)
        }
        // Remembered facts were shared when they were decoded: an unchanged poll shares nothing again.
        if !decoded.isEmpty { Kind.share(&facts, at: decoded) }
        self.facts = facts
    }

    var kind: ObjectKind { Kind.kind }

    func count(into counts: inout PollCounts) { Kind.count(facts, into: &counts) }

    @_specialize(where Kind == PolledDomains)
    @_specialize(where Kind == PolledClients)
    @_specialize(where Kind == PolledSubscriptions)
    @_specialize(where Kind == PolledPlans)
    mutating func reduce(key: FingerprintKey, enrichment: Enrichment, target: String) throws -> any ReducedKind {
        guard var list = list.take() else { preconditionFailure("a fetched list is reduced once") }
        let facts = self.facts
        let usage = list.compactMapDecoded { Kind.usage($0, enrichment: enrichment) }
        let polled = try PolledKind(
            &list, key: key, facts: facts, remembered: remembered,
            duplicate: { id, objectKey in Self.duplicate(target: target, id: id, key: objectKey) },
            enrichment: { [hashes = Kind.enrichmentHashes(facts, enrichment, key: key)] index in hashes[index] },
            id: Kind.id, object: { Kind.object($0, enrichment: enrichment) })
        return Reduced<Kind>(polled: polled, facts: facts, enrichment: enrichment, usage: usage)
    }

    private static func duplicate(target: String, id: Int, key: String) -> PleskAPIError {
        PleskAPIError(
            reason: .decode, target: target, endpoint: Kind.endpoint,
            detail: "the list names object id \(id) (guid \(key.hasPrefix("id:") ? "" : key)) twice")
    }
}
