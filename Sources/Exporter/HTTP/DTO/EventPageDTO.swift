/// One page of `GET /api/v1/events`. Pass `next_after` as `after` to get the next page; `null` means this was the
/// last page.
public struct EventPageDTO: Codable, Sendable, Hashable {
    public var events: [EventDTO]
    public var nextAfter: Int64?

    enum CodingKeys: String, CodingKey {
        case events
        case nextAfter = "next_after"
    }

    public init(events: [EventDTO], nextAfter: Int64?) {
        self.events = events
        self.nextAfter = nextAfter
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(events, forKey: .events)
        try container.encode(nextAfter, forKey: .nextAfter)
    }
}

/// `GET /api/v1/inventory`: the objects present at `at`.
public struct InventoryDTO: Codable, Sendable, Hashable {
    public var at: String
    public var objects: [InventoryItemDTO]
}

/// The answer of the acknowledge endpoints: how many events were newly acknowledged (and, for one id, the event).
public struct AcknowledgeDTO: Codable, Sendable, Hashable {
    public var acknowledged: Int
    public var event: EventDTO?
}
