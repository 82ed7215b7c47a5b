/// Lookups the XML API needs, built in one pass per inventory generation (so a large inventory answers
/// `webspace get` without a search per subscription).
struct XMLIndex: Sendable {
    struct Children: Sendable, Hashable {
        /// Domains named `label.<main domain>`.
        var subdomains = 0
        /// Other domains of the subscription.
        var addonDomains = 0
    }

    /// Lower-cased plan guid → index into `servicePlans`.
    var planByGUID: [String: Int] = [:]
    /// Subscription id → its domains other than the main one.
    var children: [Int: Children] = [:]
    var clientByLogin: [String: Int] = [:]
    /// Lower-cased guid → index into `subscriptions`.
    var subscriptionByGUID: [String: Int] = [:]
    /// Owner id → indices into `subscriptions`, ascending.
    var subscriptionsByOwner: [Int: [Int]] = [:]
    /// Index into `domains` of each subscription's main domain, parallel to `subscriptions`.
    var mainDomain: [Int] = []

    init(_ inventory: PleskInventory) {
        for (position, plan) in inventory.servicePlans.enumerated() {
            self.planByGUID[plan.guid.lowercased()] = position
        }
        for (position, client) in inventory.clients.enumerated() {
            self.clientByLogin[client.login] = position
        }
        self.mainDomain.reserveCapacity(inventory.subscriptions.count)
        for (position, subscription) in inventory.subscriptions.enumerated() {
            let domainIndex = inventory.domainIndex(id: subscription.id) ?? 0
            self.mainDomain.append(domainIndex)
            let domain = inventory.domains[domainIndex]
            self.subscriptionByGUID[domain.guid.lowercased()] = position
            self.subscriptionsByOwner[domain.ownerClientID, default: []].append(position)
        }
        for domain in inventory.domains where domain.baseDomainID != 0 {
            guard let base = inventory.domain(id: domain.baseDomainID) else { continue }
            if domain.name.hasSuffix("." + base.name) {
                self.children[base.id, default: Children()].subdomains += 1
            } else {
                self.children[base.id, default: Children()].addonDomains += 1
            }
        }
    }
}
