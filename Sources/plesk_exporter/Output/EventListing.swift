import Exporter
import InventoryModel

/// Reads the events matching a query, page by page along the id cursor.
public enum EventListing {
    /// Every matching event, oldest first; at most `limit` of them when given.
    public static func all(
        _ store: any HistoryReader, matching query: EventQuery, limit: Int? = nil, pageSize: Int = 1000
    ) async throws -> [EventRecord] {
        var events: [EventRecord] = []
        try await forEachPage(store, matching: query, pageSize: pageSize) { page in
            events += page
            guard let limit, events.count >= limit else { return true }
            events.removeLast(events.count - limit)
            return false
        }
        return events
    }

    /// The newest `count` matching events, oldest first (what `events --newest N` prints).
    public static func newest(
        _ count: Int, _ store: any HistoryReader, matching query: EventQuery, pageSize: Int = 1000
    ) async throws -> [EventRecord] {
        guard count > 0 else { return [] }
        // The cursor only runs forwards; keeping a window of `count` bounds the memory whatever the history size.
        var window: [EventRecord] = []
        try await forEachPage(store, matching: query, pageSize: pageSize) { page in
            window += page
            if window.count > count { window.removeFirst(window.count - count) }
            return true
        }
        return window
    }

    /// Calls `body` with each page until it returns false or the events run out.
    private static func forEachPage(
        _ store: any HistoryReader, matching query: EventQuery, pageSize: Int,
        _ body: ([EventRecord]) throws -> Bool
    ) async throws {
        var query = query
        query.limit = pageSize
        while true {
            let page = try await store.events(query)
            guard try body(page), page.count == pageSize, let last = page.last else { return }
            query.after = last.id
        }
    }
}
