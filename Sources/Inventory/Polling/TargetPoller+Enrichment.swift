import Foundation
import PleskAPI

extension TargetPoller {
    /// Domain id → owner login (SPEC §6): the full map from `/clients/{id}/domains` at most every `owners_refresh`,
    /// one `/domains/{id}/client` call per domain added since, and subdomains inheriting their base domain's owner.
    /// The map is kept between polls as an ``OwnerMap``; a poll that changes nothing in it builds no dictionary.
    func resolveOwners(domains: [ListedDomain], clients: [ListedClient], failures: inout Int) async -> OwnerMap {
        let source = self.source
        let now = clock.now()
        let due = ownersRefreshedAt.map { now.timeIntervalSince($0) >= settings.ownersRefresh.timeInterval } ?? true
        // The common poll: no refresh due, and the same domains as the map holds, every one with its owner.
        let kept = self.owners
        if !due, kept.count == domains.count, domains.allSatisfy({ kept[$0.id] != nil }) { return kept }

        var owners = kept.dictionary
        if due {
            let results = await boundedConcurrentMap(clients, limit: settings.concurrency) { client in
                (client.login, try? await source.clientDomains(clientID: client.id))
            }
            var fresh: [Int: String] = [:]
            var failedClients = 0
            for (login, owned) in results {
                guard let owned else {
                    failedClients += 1
                    continue
                }
                for domain in owned { fresh[domain.id] = login }
            }
            failures += failedClients
            // Keep what a failed client call would have told us; the next refresh tries again.
            owners = failedClients == 0 ? fresh : owners.merging(fresh) { _, new in new }
            ownersRefreshedAt = now
        }
        let present = Set(domains.map(\.id))
        owners = owners.filter { present.contains($0.key) }

        var missing: [Int] = []
        for domain in domains where owners[domain.id] == nil {
            if domain.baseDomainID > 0, let owner = owners[domain.baseDomainID] {
                owners[domain.id] = owner
            } else {
                missing.append(domain.id)
            }
        }
        let lookups = await boundedConcurrentMap(missing, limit: settings.concurrency) { id in
            (id, try? await source.domainOwner(domainID: id).login)
        }
        for (id, login) in lookups {
            if let login { owners[id] = login } else { failures += 1 }
        }
        // Subdomains whose base domain was only just resolved.
        for domain in domains where owners[domain.id] == nil && domain.baseDomainID > 0 {
            if let owner = owners[domain.baseDomainID] { owners[domain.id] = owner }
        }
        self.owners = OwnerMap(owners)
        return self.owners
    }

    func domainStatuses(_ domains: [ListedDomain], failures: inout Int) async -> [Int: String] {
        let source = self.source
        let results = await boundedConcurrentMap(domains.map(\.id), limit: settings.concurrency) { id in
            (id, try? await source.domainStatus(domainID: id).status)
        }
        var statuses: [Int: String] = [:]
        for (id, status) in results {
            if let status { statuses[id] = status } else { failures += 1 }
        }
        return statuses
    }

    func clientStatistics(_ clients: [ListedClient], failures: inout Int) async -> [String: PleskClientStatistics] {
        let source = self.source
        let results = await boundedConcurrentMap(clients, limit: settings.concurrency) { client in
            (client.login, try? await source.clientStatistics(clientID: client.id))
        }
        var statistics: [String: PleskClientStatistics] = [:]
        for (login, value) in results {
            if let value { statistics[login] = value } else { failures += 1 }
        }
        return statistics
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
