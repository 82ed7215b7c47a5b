/// Runs `operation` over `items` with at most `limit` in flight; results keep no order.
func boundedConcurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ operation: @escaping @Sendable (Item) async -> Result
) async -> [Result] {
    await withTaskGroup(of: Result.self) { group in
        var results: [Result] = []
        results.reserveCapacity(items.count)
        var iterator = items.makeIterator()
        for _ in 0..<max(1, limit) {
            guard let item = iterator.next() else { break }
            group.addTask { await operation(item) }
        }
        while let result = await group.next() {
            results.append(result)
            if Task.isCancelled { continue }
            if let item = iterator.next() { group.addTask { await operation(item) } }
        }
        return results
    }
}
