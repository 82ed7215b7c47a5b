import InventoryModel
import PleskAPI

/// Clients: `/api/v2/clients`, as listed.
enum PolledClients: PolledObjectKind {
    static let kind = ObjectKind.client
    static let endpoint = PleskEndpoint.clients

    static func scan(_ source: any PleskSource, known: KnownFingerprints) async throws -> ScannedList<PleskClient> {
        try await source.scanClients(known: known)
    }

    static func facts(_ element: PleskClient) -> ListedClient { ListedClient(element) }
    static func id(_ facts: ListedClient) -> Int { facts.id }
    static func object(_ element: PleskClient, enrichment: Enrichment) -> InventoryObject {
        InventoryObject(client: element)
    }
    static func enrichmentHash(_ facts: ListedClient, _ enrichment: Enrichment, key: FingerprintKey) -> Int { 0 }
    static func reenrich(_ fields: inout [String: JSONValue], facts: ListedClient, enrichment: Enrichment) {}

    static func count(_ facts: [ListedClient], into counts: inout PollCounts) {
        counts.clients = facts.count
        var byBucket = Tally<String>()
        for client in facts { byBucket.add(client.bucket) }
        counts.clientsByTypeAndStatus = byBucket.dictionary
    }
}
