import Synchronization

/// A one-shot signal that ends a `hang` or `delay`: the first `release` wins and wakes the waiter.
final class ReleaseSignal: Sendable {
    enum Reason: Sendable {
        case elapsed
        case clientClosed
        case stopping
        case cancelled
    }

    private struct State {
        var reason: Reason?
        var continuation: CheckedContinuation<Reason, Never>?
    }

    private let state = Mutex(State())

    func release(_ reason: Reason) {
        let continuation = self.state.withLock { state -> CheckedContinuation<Reason, Never>? in
            guard state.reason == nil else { return nil }
            state.reason = reason
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: reason)
    }

    /// Waits for the release (or for task cancellation).
    func wait() async -> Reason {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Reason, Never>) in
                let early = self.state.withLock { state -> Reason? in
                    if let reason = state.reason { return reason }
                    state.continuation = continuation
                    return nil
                }
                if let early { continuation.resume(returning: early) }
            }
        } onCancel: {
            self.release(.cancelled)
        }
    }
}
