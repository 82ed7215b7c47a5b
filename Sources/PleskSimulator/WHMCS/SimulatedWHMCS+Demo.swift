extension SimulatedWHMCS {
    /// Services for `plesk_exporter demo`: one per subscription of each simulated server (its hostname, its plan's
    /// name), with a few planted differences so reconciliation has something to show — the first server's first
    /// subscription not billed, its second with the other status in billing, a billed site missing from the server —
    /// and an SSL certificate on no server, which is skipped. Otherwise billing agrees with Plesk.
    public static func demoProducts(_ servers: [(name: String, inventory: PleskInventory)]) -> [Product] {
        var products: [Product] = []
        var id = 1000
        for (index, server) in servers.enumerated() {
            let hostname = server.inventory.server.hostname
            for (position, subscription) in server.inventory.subscriptions.enumerated() {
                guard let domain = server.inventory.domains.first(where: { $0.id == subscription.id }) else { continue }
                if index == 0 && position == 0 { continue }
                let plan = subscription.servicePlanGUID.flatMap { guid in
                    server.inventory.servicePlans.first { $0.guid == guid }?.name
                }
                // Billing agrees with Plesk (a suspended subscription is suspended there too), but for the planted one.
                let suspended = subscription.status.restStatus != .active
                let flipped = index == 0 && position == 1 ? !suspended : suspended
                id += 1
                products.append(
                    Product(
                        id: id, domain: domain.name, status: flipped ? "Suspended" : "Active",
                        name: plan ?? "Custom", serverID: index + 1, serverName: server.name,
                        serverHostname: hostname, clientID: 100 + position))
            }
            if index == 0 {
                products.append(
                    Product(
                        id: 1, domain: "moved-away.example", name: "Business", serverID: 1, serverName: server.name,
                        serverHostname: hostname))
            }
        }
        products.append(
            Product(id: 2, domain: "shop.example", name: "SSL Certificate", serverID: 0, serverName: "", serverHostname: ""))
        return products
    }
}
