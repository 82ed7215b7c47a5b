import Foundation
import InventoryModel

/// A row of the poll log as `GET /api/v1/polls` shows it. Absent values are `null`, so every poll has the same keys.
public struct PollDTO: Codable, Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var startedAt: String
    public var finishedAt: String
    public var durationSeconds: Double
    public var result: String
    public var error: PollErrorDTO?
    public var baseline: Bool
    public var eventCount: Int
    public var heldRemovals: HeldRemovalsDTO
    public var counts: CountsDTO?
    /// Kinds a successful poll could not collect (their last state was kept), with why.
    public var failedKinds: [String: PollErrorDTO]

    enum CodingKeys: String, CodingKey {
        case id, target, result, error, baseline, counts
        case failedKinds = "failed_kinds"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationSeconds = "duration_seconds"
        case eventCount = "event_count"
        case heldRemovals = "held_removals"
    }

    public init(_ poll: PollRecord) {
        id = poll.id
        target = poll.target
        startedAt = TimeParameter.format(poll.startedAt)
        finishedAt = TimeParameter.format(poll.finishedAt)
        durationSeconds = (max(0, poll.finishedAt.timeIntervalSince(poll.startedAt)) * 1000).rounded() / 1000
        result = poll.result.rawValue
        error =
            poll.result == .failure
            ? PollErrorDTO(reason: poll.errorReason ?? "other", message: poll.errorMessage ?? "") : nil
        baseline = poll.baseline
        eventCount = poll.eventCount
        heldRemovals = HeldRemovalsDTO(poll)
        counts = poll.counts.map(CountsDTO.init)
        failedKinds = Dictionary(
            uniqueKeysWithValues: poll.failedKinds.map {
                ($0.key.rawValue, PollErrorDTO(reason: $0.value.reason, message: $0.value.message))
            })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(target, forKey: .target)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(result, forKey: .result)
        try container.encode(error, forKey: .error)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(eventCount, forKey: .eventCount)
        try container.encode(heldRemovals, forKey: .heldRemovals)
        try container.encode(counts, forKey: .counts)
        try container.encode(failedKinds, forKey: .failedKinds)
    }
}
