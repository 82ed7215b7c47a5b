extension CompletePoll {
    /// The number of events this poll stores: ``events`` and those ``impliedBaselineEvents`` derives.
    public var eventCount: Int {
        guard let implied = impliedBaselineEvents, !implied.kinds.isEmpty else { return events.count }
        return events.count + added.count { implied.kinds.contains($0.kind) }
    }

    /// Every event this poll stores, in the order they are stored: the implied baseline events (in the order of
    /// ``added``), then ``events``. Builds the whole list: for stores that need no more than correctness.
    public var allEvents: [NewEvent] {
        guard let implied = impliedBaselineEvents, !implied.kinds.isEmpty else { return events }
        return added.filter { implied.kinds.contains($0.kind) }.map(implied.event(for:)) + events
    }
}
