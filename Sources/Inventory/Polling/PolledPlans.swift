import InventoryModel
import PleskAPI

/// Service plans: one XML API `service-plan get` with `owner-all` (resellers' plans included).
enum PolledPlans: PolledObjectKind {
    static let kind = ObjectKind.plan
    static let endpoint = PleskEndpoint.servicePlans

    static func scan(_ source: any PleskSource, known: KnownFingerprints) async throws -> ScannedList<PleskServicePlan> {
        try await source.scanServicePlans(known: known)
    }

    static func facts(_ element: PleskServicePlan) -> ListedPlan { ListedPlan(element) }
    static func id(_ facts: ListedPlan) -> Int { facts.id }
    static func object(_ element: PleskServicePlan, enrichment: Enrichment) -> InventoryObject {
        InventoryObject(plan: element)
    }
    static func enrichmentHash(_ facts: ListedPlan, _ enrichment: Enrichment, key: FingerprintKey) -> Int { 0 }
    static func reenrich(_ fields: inout [String: JSONValue], facts: ListedPlan, enrichment: Enrichment) {}

    static func count(_ facts: [ListedPlan], into counts: inout PollCounts) {
        counts.plans = facts.count
    }

    static func naming(_ facts: [ListedPlan]) -> PlanNaming {
        PlanNaming(names: Dictionary(facts.map { ($0.guid, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }
}
