import Foundation
import InventoryModel

/// A target's inventory at one time, reduced to what a report shows: counts, domains per owner, and subscriptions.
struct InventoryTally {
    /// One subscription as a report lists it.
    struct Subscription {
        var key: String
        var name: String
        var facts: ObjectFacts
    }

    var counts: InventoryCounts
    var subscriptionCounts: SubscriptionCounts
    /// Every subscription, ordered by name.
    var subscriptions: [Subscription] = []
    /// Owner login → domains.
    var domainsByOwner: [String: Int] = [:]
    var domainsWithoutOwner = 0
    /// Client login → name.
    var clientNames: [String: String] = [:]

    init(_ entries: [InventoryEntry], at time: Date) {
        counts = InventoryCounts(at: time)
        subscriptionCounts = SubscriptionCounts(at: time, plans: 0)
        let decoder = JSONDecoder()
        for entry in entries {
            let facts = ObjectFacts.decode(entry.object.fieldsJSON, with: decoder)
            switch entry.object.kind {
            case .domain:
                counts.domains += 1
                counts.domainsByHostingType[facts.hostingType ?? "unknown", default: 0] += 1
                if let owner = facts.owner, !owner.isEmpty {
                    domainsByOwner[owner, default: 0] += 1
                } else {
                    domainsWithoutOwner += 1
                }
            case .client:
                counts.clients += 1
                counts.clientsByAccountType[facts.type ?? "unknown", default: [:]][
                    ClientStatus.label(facts.status), default: 0] += 1
                if let name = facts.name, !name.isEmpty { clientNames[entry.object.name] = name }
            case .subscription:
                let state = facts.primaryState
                subscriptionCounts.subscriptions += 1
                subscriptionCounts.byStatus[state, default: 0] += 1
                subscriptionCounts.byPlan[facts.planLabel, default: [:]][state, default: 0] += 1
                subscriptions.append(Subscription(key: entry.object.key, name: entry.object.name, facts: facts))
            case .plan:
                subscriptionCounts.plans? += 1
            }
        }
        subscriptions.sort { ($0.name, $0.key) < ($1.name, $1.key) }
    }

    /// The `limit` clients with the most domains; ties by login.
    func topClients(limit: Int) -> TopClients {
        let ranked = domainsByOwner.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return TopClients(
            ownersCollected: counts.domains == 0 || !domainsByOwner.isEmpty,
            domainsWithoutOwner: domainsWithoutOwner,
            owners: domainsByOwner.count,
            clients: ranked.prefix(max(limit, 0)).map {
                TopClients.Entry(login: $0.key, name: clientNames[$0.key], domains: $0.value)
            })
    }
}
