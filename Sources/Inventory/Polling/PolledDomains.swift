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
        for domain in facts {
            counts.domainsByHostingType[domain.hostingType, default: 0] += 1
            counts.aliases += domain.aliases
        }
    }
}
