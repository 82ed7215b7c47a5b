import Foundation
import InventoryModel
import PleskSimulator

/// The demo's billing export: every subscription the simulated servers start with, as a billing system would list
/// it, with a few planted differences so that `/api/v1/reconciliation`, the metrics and the dashboards have findings
/// from the first evaluation (and the churn of web01 makes more come and go).
enum DemoBilling {
    static func csv(_ simulators: [(name: String, plesk: SimulatedPlesk)]) -> String {
        var lines = ["subscription,status,server,plan,ref"]
        for (index, simulator) in simulators.enumerated() {
            let inventory = simulator.plesk.inventory
            for (position, subscription) in inventory.subscriptions.enumerated() {
                guard let domain = inventory.domain(id: subscription.id) else { continue }
                let code = subscription.status.rawValue
                var status = SubscriptionStatus.isSuspended(code) || SubscriptionStatus.isExpired(code) ? "Suspended" : "Active"
                var plan = subscription.servicePlanGUID.flatMap { inventory.servicePlan(guid: $0)?.name } ?? ""
                // Planted on each server: one never billed (left out), one terminated in billing and one billed on
                // another plan.
                switch position {
                case 0: continue
                case 1 where status == "Active": status = "Terminated"
                case 2 where !plan.isEmpty: plan += " (old)"
                default: break
                }
                lines.append(CSV.line([domain.name, status, simulator.name, plan, "DEMO-\(index + 1)-\(subscription.id)"]))
            }
        }
        // Paid for, on no server.
        lines.append("lost-customer.example,Active,web01,,DEMO-0-1")
        return lines.joined(separator: "\n") + "\n"
    }
}
