import Foundation

/// `GET /api/v1/history`: counts over time, one series per target.
///
/// The successful polls between `since` and `until` are put into buckets of `step_seconds` starting at `since`;
/// each bucket that holds at least one poll gives one point with the counts of its last poll. Buckets without a
/// poll give no point (no interpolation).
public struct HistoryDTO: Codable, Sendable, Hashable {
    public var since: String
    public var until: String
    public var stepSeconds: Double
    public var series: [Series]

    enum CodingKeys: String, CodingKey {
        case since, until, series
        case stepSeconds = "step_seconds"
    }

    public struct Series: Codable, Sendable, Hashable {
        public var target: String
        public var points: [Point]
    }

    /// `at` is the start of the bucket; `polled_at` when the poll whose counts are shown finished.
    public struct Point: Codable, Sendable, Hashable {
        public var at: String
        public var polledAt: String
        public var counts: CountsDTO

        enum CodingKeys: String, CodingKey {
            case at
            case polledAt = "polled_at"
        }

        public init(at: String, polledAt: String, counts: CountsDTO) {
            self.at = at
            self.polledAt = polledAt
            self.counts = counts
        }

        /// The counts' keys sit next to `at` and `polled_at`, so a point is one flat object.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            at = try container.decode(String.self, forKey: .at)
            polledAt = try container.decode(String.self, forKey: .polledAt)
            counts = try CountsDTO(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            try counts.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(at, forKey: .at)
            try container.encode(polledAt, forKey: .polledAt)
        }
    }
}
