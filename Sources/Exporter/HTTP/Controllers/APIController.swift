import Foundation
import Hummingbird
import InventoryModel

/// The JSON API under `/api/v1/` (SPEC §8), in the Prometheus envelope.
struct APIController {
    typealias Context = ExporterRequestContext

    let dependencies: HTTPDependencies

    var store: any HistoryReader { dependencies.history }
    var status: ExporterStatus { dependencies.status }

    func addRoutes(to router: Router<Context>) {
        let api = router.group("/api/v1")
        api.get("targets", use: targets)
        api.get("polls", use: polls)
        api.get("events", use: events)
        api.get("inventory", use: inventory)
        api.get("history", use: history)
        api.get("report", use: report)
        api.post("events/ack", use: acknowledgeMatching)
        api.post("events/{id}/ack", use: acknowledgeOne)
        api.get("reconciliation", use: reconciliation)
        api.post("reconciliation/{id}/ack", use: acknowledgeFinding)
    }
}
