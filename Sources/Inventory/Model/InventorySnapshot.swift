import PleskAPI
import Storage

/// Everything one complete poll saw of a target.
public struct InventorySnapshot: Sendable {
    public var domains: [InventoryObject]
    public var clients: [InventoryObject]
    public var counts: PollCounts

    public init(domains: [InventoryObject], clients: [InventoryObject], counts: PollCounts) {
        self.domains = domains
        self.clients = clients
        self.counts = counts
    }

    /// Builds the snapshot and its counts from decoded lists and enrichment results.
    public init(
        domains: [PleskDomain], clients: [PleskClient], owners: [Int: String] = [:], statuses: [Int: String] = [:]
    ) {
        var counts = PollCounts(domains: domains.count, clients: clients.count)
        for domain in domains {
            counts.domainsByHostingType[domain.hostingType, default: 0] += 1
            counts.aliases += domain.aliases?.count ?? 0
        }
        for client in clients {
            counts.clientsByTypeAndStatus["\(client.type)/\(client.statusLabel)", default: 0] += 1
        }
        self.init(
            domains: domains.map { InventoryObject(domain: $0, owner: owners[$0.id], status: statuses[$0.id]) },
            clients: clients.map(InventoryObject.init(client:)),
            counts: counts)
    }

    public func objects(of kind: ObjectKind) -> [InventoryObject] {
        kind == .domain ? domains : clients
    }
}
