import InventoryModel

/// Every event matching `query`, oldest first, read page by page with the `after` cursor as the API's clients do.
/// - Parameter checkPage: called with each page, e.g. to check it is no longer than the limit.
public func allEvents(
    _ reader: any HistoryReader, matching query: EventQuery = EventQuery(limit: 1000),
    checkPage: ([EventRecord]) -> Void = { _ in }
) async throws -> [EventRecord] {
    var query = query
    var events: [EventRecord] = []
    while true {
        let page = try await reader.events(query)
        checkPage(page)
        events += page
        guard page.count == query.limit, let last = page.last else { return events }
        query.after = last.id
    }
}
