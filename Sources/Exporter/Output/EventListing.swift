import Storage

/// Reads every event matching a query, page by page along the id cursor.
public enum EventListing {
    public static func all(_ store: any InventoryStore, matching query: EventQuery, pageSize: Int = 1000) async throws
        -> [EventRecord]
    {
        var query = query
        query.limit = pageSize
        var events: [EventRecord] = []
        while true {
            let page = try await store.events(query)
            events += page
            guard page.count == pageSize, let last = page.last else { return events }
            query.after = last.id
        }
    }
}
