import InventoryModel
import PleskAPI

/// How the poller handles one kind of Plesk object: where its list comes from, what it remembers of each object
/// (its facts), how an object is reduced to its stored fields, and how a poll counts it.
///
/// The poller holds the kinds as a list (``TargetPoller/kinds``); a new kind is one more conformer there.
protocol PolledObjectKind: Sendable {
    /// The wire model of one listed object.
    associatedtype Element: Sendable
    /// What the poller keeps of each object between polls: enough to count it and to enrich it.
    associatedtype Facts: RememberedFacts

    static var kind: ObjectKind { get }
    static var endpoint: PleskEndpoint { get }

    /// Fetches the list, decoding only the objects whose bytes are not `known`.
    static func scan(_ source: any PleskSource, known: KnownFingerprints) async throws -> ScannedList<Element>
    static func facts(_ element: Element) -> Facts
    /// The Plesk id, for enrichment calls and the duplicate check.
    static func id(_ facts: Facts) -> Int
    /// The object as stored, with this poll's enrichment values.
    static func object(_ element: Element, enrichment: Enrichment) -> InventoryObject
    /// The hash of the enrichment values an object gets this poll (constant for a kind without enrichment): a
    /// remembered object whose hash changed is reduced again.
    static func enrichmentHash(_ facts: Facts, _ enrichment: Enrichment, key: FingerprintKey) -> Int
    /// Sets this poll's enrichment values in the stored fields of a remembered object.
    static func reenrich(_ fields: inout [String: JSONValue], facts: Facts, enrichment: Enrichment)
    /// Adds the kind's objects to the poll's counts.
    static func count(_ facts: [Facts], into counts: inout PollCounts)
    /// The measured usage of a decoded object, kept beside its versions (subscriptions only).
    static func usage(_ element: Element, enrichment: Enrichment) -> SubscriptionUsageRecord?
    /// Lets equal parts of many objects' facts share one copy (what is remembered lives as long as the process).
    static func share(_ facts: inout [Facts], at indices: [Int])
    /// Every object's enrichment hash, in list order (a kind may share work between objects).
    static func enrichmentHashes(_ facts: [Facts], _ enrichment: Enrichment, key: FingerprintKey) -> [Int]
}

extension PolledObjectKind {
    static func usage(_ element: Element, enrichment: Enrichment) -> SubscriptionUsageRecord? { nil }
    static func share(_ facts: inout [Facts], at indices: [Int]) {}
    static func enrichmentHashes(_ facts: [Facts], _ enrichment: Enrichment, key: FingerprintKey) -> [Int] {
        facts.map { enrichmentHash($0, enrichment, key: key) }
    }
}
