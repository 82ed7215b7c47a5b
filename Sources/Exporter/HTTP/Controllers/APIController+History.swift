import Foundation
import Hummingbird
import InventoryModel

extension APIController {
    static let defaultHistoryRange: TimeInterval = 7 * 86_400
    static let defaultHistoryStep: Duration = .seconds(3600)

    /// `GET /api/v1/history?target=&since=&until=&step=`: counts of successful polls, last value per step.
    /// Defaults: `until` now, `since` 7 days before `until`, `step` 1h.
    @Sendable func history(_ request: Request, context: Context) async throws -> APIResponse<HistoryDTO> {
        let query = APIQuery(request, now: dependencies.now())
        let until = try query.time("until") ?? query.now
        let since = try query.time("since") ?? until.addingTimeInterval(-Self.defaultHistoryRange)
        try APIQuery.checkOrder(since: since, until: until)
        let step = try query.step("step") ?? Self.defaultHistoryStep
        let stepSeconds = Double(step.components.seconds) + Double(step.components.attoseconds) / 1e18
        let buckets = until.timeIntervalSince(since) / stepSeconds
        guard buckets <= Double(APIQuery.maxHistoryPoints) else {
            throw APIError.badData(
                "exceeded maximum resolution of \(APIQuery.maxHistoryPoints) points per target; "
                    + "increase 'step' or shorten the range")
        }
        let polls = try await store.countHistory(target: query.string("target"), since: since, until: until)
        return APIResponse(
            HistoryDTO(
                since: TimeParameter.format(since), until: TimeParameter.format(until), stepSeconds: stepSeconds,
                series: Self.bucket(polls, since: since, stepSeconds: stepSeconds)))
    }

    /// One series per target (sorted by name); per bucket the counts of its last poll.
    static func bucket(_ polls: [PollRecord], since: Date, stepSeconds: Double) -> [HistoryDTO.Series] {
        var byTarget: [String: [Int: PollRecord]] = [:]
        for poll in polls where poll.counts != nil && poll.finishedAt >= since {
            let bucket = Int((poll.finishedAt.timeIntervalSince(since) / stepSeconds).rounded(.down))
            if let existing = byTarget[poll.target]?[bucket], existing.finishedAt > poll.finishedAt { continue }
            byTarget[poll.target, default: [:]][bucket] = poll
        }
        return byTarget.keys.sorted().map { target in
            let points = (byTarget[target] ?? [:]).sorted { $0.key < $1.key }.compactMap { bucket, poll in
                poll.counts.map { counts in
                    HistoryDTO.Point(
                        at: TimeParameter.format(since.addingTimeInterval(Double(bucket) * stepSeconds)),
                        polledAt: TimeParameter.format(poll.finishedAt), counts: CountsDTO(counts))
                }
            }
            return HistoryDTO.Series(target: target, points: points)
        }
    }
}
