/// Counts values of which a list holds only a few distinct ones (hosting types, client buckets, statuses).
///
/// A dictionary would hash every object's value; a handful of distinct values is found faster by comparison, and
/// the values remembered between polls are shared literals or short inline strings, which compare at once.
struct Tally<Value: Hashable> {
    private var values: [Value] = []
    private var counts: [Int] = []
    /// Past ``limit`` distinct values, the rest are counted here.
    private var more: [Value: Int] = [:]
    private static var limit: Int { 16 }

    mutating func add(_ value: Value, _ count: Int = 1) {
        if let index = values.firstIndex(of: value) {
            counts[index] += count
        } else if values.count < Self.limit {
            values.append(value)
            counts.append(count)
        } else {
            more[value, default: 0] += count
        }
    }

    /// Every value with its count.
    var dictionary: [Value: Int] {
        var result = more
        for (value, count) in zip(values, counts) { result[value] = count }
        return result
    }
}
