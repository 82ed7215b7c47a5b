import Foundation

/// How well a target was polled during the period.
public struct PollAvailability: Sendable, Hashable {
    /// The longest stretch of the period without a successful poll.
    public struct Gap: Sendable, Hashable {
        public var from: Date
        public var until: Date
        public var seconds: TimeInterval { until.timeIntervalSince(from) }

        public init(from: Date, until: Date) {
            self.from = from
            self.until = until
        }
    }

    public var total: Int
    public var successful: Int
    public var failed: Int { total - successful }
    /// Failure reason (timeout, connect, tls, auth, http, decode, limit, other) → polls.
    public var failuresByReason: [String: Int]
    /// The first and last poll of the period.
    public var firstPoll: Date?
    public var lastPoll: Date?
    /// The last successful poll at or before the end (possibly before the period).
    public var lastSuccess: Date?
    /// Nil when the target was first polled after the period.
    public var longestGap: Gap?
    /// Kind (`subscription`, `plan`) → successful polls that could not collect it (its XML API call failed, its last
    /// known state kept). Kinds every poll collected are absent.
    public var kindsNotCollected: [String: Int]

    public init(
        total: Int, successful: Int, failuresByReason: [String: Int], firstPoll: Date?, lastPoll: Date?,
        lastSuccess: Date?, longestGap: Gap?, kindsNotCollected: [String: Int] = [:]
    ) {
        self.kindsNotCollected = kindsNotCollected
        self.total = total
        self.successful = successful
        self.failuresByReason = failuresByReason
        self.firstPoll = firstPoll
        self.lastPoll = lastPoll
        self.lastSuccess = lastSuccess
        self.longestGap = longestGap
    }

    /// Reasons by count (largest first), then name.
    var failureReasons: [(reason: String, count: Int)] {
        failuresByReason.map { (reason: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason
        }
    }
}

extension PollAvailability: Encodable {
    enum CodingKeys: String, CodingKey {
        case total, successful, failed
        case failuresByReason = "failures_by_reason"
        case firstPoll = "first_poll"
        case lastPoll = "last_poll"
        case lastSuccess = "last_success"
        case longestGap = "longest_gap_without_success"
        case kindsNotCollected = "kinds_not_collected"
    }

    enum GapKeys: String, CodingKey { case from, until, seconds }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(successful, forKey: .successful)
        try container.encode(failed, forKey: .failed)
        try container.encode(failuresByReason, forKey: .failuresByReason)
        try container.encode(firstPoll.map(ReportText.rfc3339), forKey: .firstPoll)
        try container.encode(lastPoll.map(ReportText.rfc3339), forKey: .lastPoll)
        try container.encode(lastSuccess.map(ReportText.rfc3339), forKey: .lastSuccess)
        try container.encode(kindsNotCollected, forKey: .kindsNotCollected)
        if let longestGap {
            var gap = container.nestedContainer(keyedBy: GapKeys.self, forKey: .longestGap)
            try gap.encode(ReportText.rfc3339(longestGap.from), forKey: .from)
            try gap.encode(ReportText.rfc3339(longestGap.until), forKey: .until)
            try gap.encode(Int(longestGap.seconds.rounded()), forKey: .seconds)
        } else {
            try container.encodeNil(forKey: .longestGap)
        }
    }
}
