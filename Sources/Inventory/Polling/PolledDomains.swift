import InventoryModel
import PleskAPI

/// Domains: `/api/v2/domains`, enriched with their owner and status.
enum PolledDomains: PolledObjectKind {
    static let kind = ObjectKind.domain
    static let endpoint = PleskEndpoint.domains

    static func scan(_ source: any PleskSource, known: KnownFingerprints) async throws -> ScannedList<PleskDomain> {
        try await source.scanDomains(known: known)
    }

    static func facts(_ element: PleskDomain) -> ListedDomain { ListedDomain(element) }
    static func id(_ facts: ListedDomain) -> Int { facts.id }

    static func object(_ element: PleskDomain, enrichment: Enrichment) -> InventoryObject {
        InventoryObject(
            domain: element, owner: enrichment.owners[element.id], status: enrichment.statuses[element.id])
    }

    static func enrichmentHash(_ facts: ListedDomain, _ enrichment: Enrichment, key: FingerprintKey) -> Int {
        key.hash(enrichment.owners[facts.id], enrichment.statuses[facts.id])
    }

    static func reenrich(_ fields: inout [String: JSONValue], facts: ListedDomain, enrichment: Enrichment) {
        fields[EnrichmentField.owner] = enrichment.owners[facts.id].map(JSONValue.string)
        fields[EnrichmentField.status] = enrichment.statuses[facts.id].map(JSONValue.string)
    }

    static func count(_ facts: [ListedDomain], into counts: inout PollCounts) {
        counts.domains = facts.count
        var byHostingType = Tally<String>()
        for domain in facts {
            byHostingType.add(domain.hostingType)
            counts.aliases += domain.aliases
        }
        counts.domainsByHostingType = byHostingType.dictionary
    }

    static func enrichmentHashes(_ facts: [ListedDomain], _ enrichment: Enrichment, key: FingerprintKey) -> [Int] {
        // Without owners and statuses (neither collected) every domain's hash is the same.
        guard enrichment.owners.count > 0 || !enrichment.statuses.isEmpty else {
            return [Int](repeating: key.hash(nil, nil), count: facts.count)
        }
        return facts.map { enrichmentHash($0, enrichment, key: key) }
    }
}
