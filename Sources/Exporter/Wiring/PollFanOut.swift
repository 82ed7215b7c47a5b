import Inventory

/// Hands every finished poll to several listeners, in order (the status, then reconciliation).
struct PollFanOut: PollListener {
    let listeners: [any PollListener]

    func pollFinished(_ report: PollReport) async {
        for listener in listeners { await listener.pollFinished(report) }
    }
}
