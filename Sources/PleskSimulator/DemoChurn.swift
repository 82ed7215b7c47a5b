import Logging
import ServiceLifecycle

/// Changes a simulator's inventory now and then, the way a live hosting server does, so `demo` has events to show:
/// new and deleted sites, renames, suspended and returning customers, hosting changes, and on the XML side
/// suspended and resumed subscriptions, plan changes and growing disk usage.
public struct DemoChurn: Service {
    let simulator: SimulatedPlesk
    let every: Duration
    let logger: Logger

    public init(simulator: SimulatedPlesk, every: Duration = .seconds(20), logger: Logger) {
        self.simulator = simulator
        self.every = every
        self.logger = logger
    }

    public func run() async throws {
        var generator = SystemRandomNumberGenerator()
        var counter = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: every) } } catch { return }
            counter += 1
            if let change = applyRandomChange(number: counter, using: &generator) {
                logger.info("demo: simulated Plesk changed", metadata: ["change": "\(change)"])
            }
        }
    }

    /// Applies one random change and describes it; nil when the chosen change did not apply.
    @discardableResult
    public func applyRandomChange(number: Int, using generator: inout some RandomNumberGenerator) -> String? {
        let inventory = simulator.inventory
        let customers = inventory.clients.filter { $0.type == .customer }
        let topLevel = inventory.domains.filter { $0.baseDomainID == 0 }
        do {
            switch Int.random(in: 0..<9, using: &generator) {
            case 0:
                let owner = customers.randomElement(using: &generator)?.id ?? SimulatedClient.adminID
                let domain = try simulator.addDomain("new-site-\(number).example", ownerClientID: owner)
                return "added domain \(domain.name)"
            case 1:
                guard let victim = topLevel.filter({ $0.name.hasPrefix("new-site-") }).randomElement(using: &generator)
                else { return nil }
                try simulator.removeDomain(id: victim.id)
                return "removed domain \(victim.name)"
            case 2:
                guard let domain = topLevel.randomElement(using: &generator) else { return nil }
                let types: [SimulatedDomain.HostingType] = [.virtual, .standardForwarding, .frameForwarding, .none]
                let type = types.filter { $0 != domain.hostingType }.randomElement(using: &generator) ?? .virtual
                try simulator.setHostingType(type, forDomain: domain.id)
                return "hosting type of \(domain.name) → \(type)"
            case 3:
                guard let client = customers.randomElement(using: &generator) else { return nil }
                let status: SimulatedClient.Status = client.status == .active ? .disabledByAdmin : .active
                try simulator.setStatus(status, forClient: client.id)
                return "status of client \(client.login) → \(status.rawValue)"
            case 4:
                let client = try simulator.addClient(login: "customer\(number)", name: "Demo Customer \(number)")
                return "added client \(client.login)"
            case 5:
                guard let client = customers.filter({ $0.login.hasPrefix("customer") }).randomElement(using: &generator)
                else { return nil }
                try simulator.removeClient(id: client.id)
                return "removed client \(client.login)"
            case 6:
                guard let subscription = inventory.subscriptions.randomElement(using: &generator),
                    let name = inventory.domain(id: subscription.id)?.name
                else { return nil }
                if subscription.status.isDisjoint(with: SimulatedSubscription.Status.suspensions) {
                    let by = SimulatedSubscription.Suspender.allCases.randomElement(using: &generator) ?? .admin
                    try simulator.suspendSubscription(id: subscription.id, by: by)
                    return "subscription \(name) suspended by \(by)"
                }
                try simulator.unsuspendSubscription(id: subscription.id)
                return "subscription \(name) resumed"
            case 7:
                let planned = inventory.subscriptions.filter { $0.servicePlanGUID != nil }
                guard let subscription = planned.randomElement(using: &generator),
                    let current = subscription.servicePlanGUID.flatMap({ inventory.servicePlan(guid: $0) }),
                    let next = inventory.servicePlans.filter({
                        $0.kind == .service && $0.ownerClientID == current.ownerClientID && $0.id != current.id
                    }).randomElement(using: &generator),
                    let name = inventory.domain(id: subscription.id)?.name
                else { return nil }
                try simulator.changePlan(ofSubscription: subscription.id, to: next.guid)
                return "subscription \(name) moved from plan \(current.name) to \(next.name)"
            default:
                guard let subscription = inventory.subscriptions.randomElement(using: &generator),
                    let name = inventory.domain(id: subscription.id)?.name
                else { return nil }
                let grown = subscription.usage.diskBytes + Int64.random(in: 1...(512 << 20), using: &generator)
                let traffic = subscription.usage.trafficBytes + Int64.random(in: 0...(2 << 30), using: &generator)
                try simulator.setUsage(ofSubscription: subscription.id, diskBytes: grown, trafficBytes: traffic)
                return "disk usage of subscription \(name) → \(grown) bytes"
            }
        } catch {
            return nil
        }
    }
}
