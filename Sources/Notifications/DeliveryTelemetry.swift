import Synchronization

/// Counters of the webhook deliveries for `/metrics`: attempts by result and queue length per webhook.
public final class DeliveryTelemetry: Sendable {
    public struct Snapshot: Sendable {
        /// Per webhook index: delivered, failed attempts, queued now.
        public var delivered: [Int: Int]
        public var failed: [Int: Int]
        public var queued: [Int: Int]
    }

    private let state: Mutex<Snapshot>

    /// Every configured webhook starts at zero, so its series exist from the start.
    public init(webhooks: Int) {
        let zero = Dictionary(uniqueKeysWithValues: (0..<webhooks).map { ($0, 0) })
        state = Mutex(Snapshot(delivered: zero, failed: zero, queued: zero))
    }

    func record(webhook: Int, success: Bool) {
        state.withLock { state in
            if success { state.delivered[webhook, default: 0] += 1 } else { state.failed[webhook, default: 0] += 1 }
        }
    }

    func setQueued(_ counts: [String: Int], endpoints: [WebhookEndpoint]) {
        state.withLock { state in
            for endpoint in endpoints { state.queued[endpoint.index] = counts[endpoint.id] ?? 0 }
        }
    }

    public var snapshot: Snapshot { state.withLock { $0 } }
}
