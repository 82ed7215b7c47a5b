import Foundation
import Inventory
import PleskAPI
import InventoryModel

extension ExporterRuntime {
    /// Polls every target once, concurrently; reports come back in configuration order.
    /// A target whose poll could not be stored gets a failed report with reason `other` naming the storage error.
    public func pollOnce() async -> [PollReport] {
        await withTaskGroup(of: (Int, PollReport).self) { group in
            for (index, poller) in pollers.enumerated() {
                group.addTask {
                    // Bind first, build the tuple once. `do { return (index, try await …) } catch { return (index, …) }`
                    // is miscompiled by Swift 6.3.1 -O: the success path never stores `index`, so the parent read a
                    // garbage index and trapped (scripts/reproducers/taskgroup-tuple-result.swift).
                    let report: PollReport
                    do {
                        report = try await poller.poll()
                    } catch {
                        report = PollReport.storageFailure(target: poller.target, error: error)
                    }
                    return (index, report)
                }
            }
            var reports: [PollReport?] = Array(repeating: nil, count: pollers.count)
            for await (index, report) in group { reports[index] = report }
            return reports.compactMap { $0 }
        }
    }
}

extension PollReport {
    /// SQLite errors name the statement, never bound values, so the message is safe to print.
    static func storageFailure(target: String, error storageError: any Error) -> PollReport {
        let error = PleskAPIError(
            reason: .other, target: target, endpoint: .domains,
            detail: "the poll could not be stored: \(storageError)")
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
