import Reconciliation
import Synchronization
import Inventory

/// Hands every finished poll to several listeners, in order (the status, then reconciliation).
struct PollFanOut: PollListener {
    let listeners: [any PollListener]

    func pollFinished(_ report: PollReport) async {
        for listener in listeners { await listener.pollFinished(report) }
    }
}

/// The reconciliation service's poll trigger, set once the service exists (polls before that are covered by its
/// evaluation at start).
final class ReconcileBox: PollListener, Sendable {
    private let service = Mutex<ReconcileService?>(nil)

    func set(_ service: ReconcileService) {
        self.service.withLock { $0 = service }
    }

    func pollFinished(_ report: PollReport) async {
        guard report.succeeded, let service = service.withLock({ $0 }) else { return }
        service.pollSucceeded()
    }
}
