import InventoryModel
import PleskAPI

/// Subscriptions: one XML API `webspace get`, enriched with the owner's login and the service plan's name from the
/// client and plan lists of the same poll (no call per object).
enum PolledSubscriptions: PolledObjectKind {
    static let kind = ObjectKind.subscription
    static let endpoint = PleskEndpoint.subscriptions

    static func scan(_ source: any PleskSource, known: KnownFingerprints) async throws
        -> ScannedList<PleskSubscription>
    {
        try await source.scanSubscriptions(known: known)
    }

    static func facts(_ element: PleskSubscription) -> ListedSubscription { ListedSubscription(element) }
    static func id(_ facts: ListedSubscription) -> Int { facts.id }

    static func object(_ element: PleskSubscription, enrichment: Enrichment) -> InventoryObject {
        InventoryObject(
            subscription: element, owner: owner(ListedSubscription(element), enrichment), plans: enrichment.plans)
    }

    static func enrichmentHash(_ facts: ListedSubscription, _ enrichment: Enrichment, key: FingerprintKey) -> Int {
        key.hash(owner(facts, enrichment), planText(facts.planGUIDs, enrichment.plans))
    }

    /// The plan part of the enrichment hash: service plan guid and name, then the add-ons.
    static func planText(_ guids: [String], _ plans: PlanNaming) -> String {
        let (service, addons) = plans.split(guids)
        return ([service ?? "", service.flatMap { plans.names[$0] } ?? ""] + addons).joined(separator: "\u{1}")
    }

    /// Every subscription's enrichment hash, the plan part worked out once per distinct plan list (20,000
    /// subscriptions share a dozen).
    static func enrichmentHashes(_ facts: [ListedSubscription], _ enrichment: Enrichment, key: FingerprintKey) -> [Int] {
        var planTexts: [[String]: String] = [:]
        return facts.map { subscription in
            let text: String
            if let known = planTexts[subscription.planGUIDs] {
                text = known
            } else {
                text = planText(subscription.planGUIDs, enrichment.plans)
                planTexts[subscription.planGUIDs] = text
            }
            return key.hash(owner(subscription, enrichment), text)
        }
    }

    static func reenrich(_ fields: inout [String: JSONValue], facts: ListedSubscription, enrichment: Enrichment) {
        InventoryObject.setEnriched(
            &fields, owner: owner(facts, enrichment), planGUIDs: facts.planGUIDs, plans: enrichment.plans)
    }

    static func count(_ facts: [ListedSubscription], into counts: inout PollCounts) {
        counts.subscriptions = facts.count
        var byStatus = Tally<Int>()
        var over = 0
        for subscription in facts {
            byStatus.add(subscription.status)
            if subscription.overLimit { over += 1 }
        }
        var byPrimary: [String: Int] = [:]
        for (status, count) in byStatus.dictionary { byPrimary[SubscriptionStatus.primary(status), default: 0] += count }
        counts.subscriptionsByStatus = byPrimary
        counts.subscriptionsOverLimit = over
    }

    static func usage(_ element: PleskSubscription, enrichment: Enrichment) -> SubscriptionUsageRecord? {
        let limits = SubscriptionLimits(element.usage)
        return SubscriptionUsageRecord(
            key: InventoryObject.key(guid: element.guid, id: element.id), name: element.name,
            plan: enrichment.plans.label(element.planGUIDs), diskBytes: element.usage.diskBytes,
            trafficBytes: element.usage.trafficBytes, diskLimitBytes: limits.diskLimit,
            trafficLimitBytes: limits.trafficLimit, overLimits: limits.exceeded)
    }

    /// Subscriptions by primary status and plan label.
    static func breakdown(_ facts: [ListedSubscription], plans: PlanNaming) -> [SubscriptionBucket] {
        var counts: [SubscriptionBucket: Int] = [:]
        for subscription in facts {
            let bucket = SubscriptionBucket(
                status: SubscriptionStatus.primary(subscription.status), plan: plans.label(subscription.planGUIDs),
                count: 0)
            counts[bucket, default: 0] += 1
        }
        return counts.map { SubscriptionBucket(status: $0.key.status, plan: $0.key.plan, count: $0.value) }.sorted()
    }

    /// 20,000 subscriptions on a dozen plans: one plan list and owner login each, not 20,000 small heap objects
    /// scattered over the pages the baseline freed (which then cannot go back to the system).
    static func share(_ facts: inout [ListedSubscription], at indices: [Int]) {
        var plans: [[String]: [String]] = [:]
        var logins: [String: String] = [:]
        for index in indices {
            let guids = facts[index].planGUIDs
            if let shared = plans[guids] { facts[index].planGUIDs = shared } else { plans[guids] = guids }
            let login = facts[index].ownerLogin
            if let shared = logins[login] { facts[index].ownerLogin = shared } else { logins[login] = login }
        }
    }

    /// The owner's login: as sent (admin-owned subscriptions), else the client of `owner-id` in this poll's list.
    private static func owner(_ facts: ListedSubscription, _ enrichment: Enrichment) -> String? {
        facts.ownerLogin.isEmpty ? enrichment.clientLogins[facts.ownerID] : facts.ownerLogin
    }
}
