import Foundation
import InventoryModel

extension ReportBuilder {
    /// Poll counts, failures by reason, and the longest stretch of the period without a successful poll.
    ///
    /// The stretch is measured inside the period: from the start (or the target's first poll, when it came later)
    /// through each successful poll to the end.
    /// - Parameter lastSuccess: the target's last successful poll at or before the period's end.
    func availability(_ target: String, polls: [PollRecord], lastSuccess: PollRecord?) async throws -> PollAvailability {
        let period = options.period
        var failures: [String: Int] = [:]
        for poll in polls where poll.result == .failure { failures[poll.errorReason ?? "other", default: 0] += 1 }
        var notCollected: [String: Int] = [:]
        for poll in polls where poll.result == .success {
            for kind in poll.failedKinds.keys { notCollected[kind.rawValue, default: 0] += 1 }
        }
        let successes = polls.filter { $0.result == .success }.map(\.finishedAt)
        let lastSuccess = lastSuccess?.finishedAt

        var longest: PollAvailability.Gap?
        if let first = try await store.firstPoll(target: target)?.finishedAt, first <= period.end {
            var previous = max(first, period.start)
            for time in successes + [period.end] where time >= previous {
                if time.timeIntervalSince(previous) > (longest?.seconds ?? 0) {
                    longest = PollAvailability.Gap(from: previous, until: time)
                }
                previous = time
            }
        }
        return PollAvailability(
            total: polls.count, successful: successes.count, failuresByReason: failures,
            firstPoll: polls.first?.finishedAt, lastPoll: polls.last?.finishedAt, lastSuccess: lastSuccess,
            longestGap: longest, kindsNotCollected: notCollected)
    }
}
