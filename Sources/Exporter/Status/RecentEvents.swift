import Storage

/// The newest events, read with the store's oldest-first id cursor only.
///
/// The highest event id is found by galloping and bisecting on `after` (about 2·log₂(n) one-row lookups), then
/// windows below it are read, growing until they hold enough events.
enum RecentEvents {
    /// Up to `count` events, newest first.
    static func latest(
        _ count: Int, from store: any InventoryStore, includeBaseline: Bool = false
    ) async throws -> [EventRecord] {
        guard count > 0, let maxID = try await maxEventID(store) else { return [] }
        let pageSize = 1000
        var window = Int64(count) * 4
        while true {
            let lower = max(0, maxID - window)
            var query = EventQuery(includeBaseline: includeBaseline, after: lower, limit: pageSize)
            var found: [EventRecord] = []
            while true {
                let page = try await store.events(query)
                found += page
                if found.count > count { found.removeFirst(found.count - count) }
                guard page.count == pageSize, let last = page.last else { break }
                query.after = last.id
            }
            if found.count >= count || lower == 0 { return found.reversed() }
            window *= 4
        }
    }

    /// The largest event id, or nil when there are no events.
    static func maxEventID(_ store: any InventoryStore) async throws -> Int64? {
        func next(after id: Int64) async throws -> Int64? {
            try await store.events(EventQuery(after: id, limit: 1)).first?.id
        }
        guard var low = try await next(after: 0) else { return nil }
        // Gallop: `low` exists; find a `high` with nothing after it.
        var step: Int64 = 64
        var high = low + step
        while let found = try await next(after: high) {
            low = found
            step = min(step * 2, Int64.max / 4)
            high = low + step
        }
        // Bisect: `low` exists and nothing exists after `high`.
        while high > low {
            let mid = low + (high - low + 1) / 2
            if let found = try await next(after: mid - 1) {
                low = found
            } else {
                high = mid - 1
            }
        }
        return low
    }
}
