import Inventory
import Reconciliation
import Synchronization

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
