import InventoryModel
import PleskAPI

/// One kind's objects of a complete poll, measured against what the poller remembers, its types hidden.
protocol ReducedKind: Sendable {
    var kind: ObjectKind { get }
    /// Objects that are new or may have changed.
    var candidates: [InventoryObject] { get }
    /// Objects known unchanged since the last committed poll.
    var unchanged: Int { get }
    /// Remembered keys not among the unchanged objects; nil when nothing was remembered.
    var vanished: [String]? { get }
    /// Whether the memory differs from what was remembered (only then is it written with the poll).
    var changesMemory: Bool { get }
    /// What to remember once the poll is committed.
    var memory: any KnownKind { get }
    /// Remembered objects whose enrichment values changed: their stored fields are needed to reduce them again.
    var reenrichKeys: [String] { get }
    /// The measured usage of the objects that were decoded (subscriptions only).
    var usage: [SubscriptionUsageRecord] { get }
    /// Adds the remembered objects whose enrichment changed to the candidates, from their stored fields (their
    /// bytes, and so every other field, are as committed).
    /// - Throws: ``UndecodedObject`` when a stored object is not what this poller committed.
    mutating func reenrich(stored: [String: String]) throws
    /// Lets go of the candidates and the decoded facts once the diff has taken what it needs: a baseline's would
    /// otherwise be held through the commit beside the objects it writes.
    mutating func releaseObjects()
}

/// A kind's reduced objects with their types.
struct Reduced<Kind: PolledObjectKind>: ReducedKind {
    var polled: PolledKind<Kind.Facts>
    private(set) var facts: [Kind.Facts]
    let enrichment: Enrichment
    let usage: [SubscriptionUsageRecord]

    var kind: ObjectKind { Kind.kind }
    var candidates: [InventoryObject] { polled.candidates }
    var unchanged: Int { polled.unchanged }
    var vanished: [String]? { polled.vanished }
    var changesMemory: Bool { polled.changesMemory }
    var memory: any KnownKind { polled.known }
    var reenrichKeys: [String] { polled.reenrich.map(\.key) }

    mutating func reenrich(stored: [String: String]) throws {
        for (key, position) in polled.reenrich {
            guard let json = stored[key], var fields = JSONValue.parse(json)?.objectValue,
                case .string(let name)? = fields["name"]
            else { throw UndecodedObject() }
            Kind.reenrich(&fields, facts: facts[position], enrichment: enrichment)
            polled.candidates.append(InventoryObject(kind: Kind.kind, key: key, name: name, fields: fields))
        }
    }

    mutating func releaseObjects() {
        polled.candidates = []
        facts = []
    }
}
