import Foundation
import Inventory
import PleskAPI
import Storage

extension ExporterRuntime {
    /// Polls every target once, concurrently; reports come back in configuration order.
    /// A target whose poll could not be stored gets a failed report with reason `other`.
    public func pollOnce() async -> [PollReport] {
        await withTaskGroup(of: (Int, PollReport?).self) { group in
            for (index, poller) in pollers.enumerated() {
                group.addTask { (index, try? await poller.poll()) }
            }
            var reports: [PollReport?] = Array(repeating: nil, count: pollers.count)
            for await (index, report) in group { reports[index] = report }
            return reports.enumerated().map { index, report in
                report ?? PollReport.storageFailure(target: pollers[index].target)
            }
        }
    }
}

extension PollReport {
    static func storageFailure(target: String) -> PollReport {
        let error = PleskAPIError(
            reason: .other, target: target, endpoint: .domains, detail: "the poll could not be stored (see the log)")
        let now = Date()
        return PollReport(
            target: target, startedAt: now, finishedAt: now,
            poll: PollRecord(
                id: 0, target: target, startedAt: now, finishedAt: now, result: .failure, errorReason: "other",
                errorMessage: error.description, counts: nil, baseline: false, eventCount: 0, heldDomains: 0,
                heldClients: 0),
            error: error, events: [], serverInfo: nil, enrichmentFailures: 0, clientStatistics: [:])
    }
}
