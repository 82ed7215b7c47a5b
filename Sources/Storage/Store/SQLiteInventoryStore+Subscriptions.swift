import Foundation
import InventoryModel

extension SQLiteInventoryStore {
    public func transitionTallies() throws -> [TransitionTally] {
        try db.transaction(.deferred) {
            let names = try targetNames()
            return try db.query("SELECT target_id, transition, total FROM transition_tallies") { row in
                (targetID: row.int64(0), transition: row.string(1), total: row.int(2))
            }.compactMap { row in
                guard let target = names[row.targetID],
                    let transition = SubscriptionTransition(rawValue: row.transition)
                else { return nil }
                return TransitionTally(target: target, transition: transition, total: row.total)
            }
        }
    }

    public func subscriptionUsage(target: String?, overLimitOnly: Bool, limit: Int?) throws
        -> [(target: String, usage: SubscriptionUsageRecord)]
    {
        try db.transaction(.deferred) {
            let names = try targetNames()
            var result: [(target: String, usage: SubscriptionUsageRecord)] = []
            for (targetID, name) in names.sorted(by: { $0.value < $1.value }) where target == nil || target == name {
                let over = overLimitOnly ? " AND over_limits <> ''" : ""
                let rows = try db.query(
                    """
                    SELECT key, name, plan, disk_bytes, traffic_bytes, disk_limit_bytes, traffic_limit_bytes, over_limits
                    FROM subscription_usage WHERE target_id = ?\(over) ORDER BY name LIMIT ?
                    """,
                    [targetID, Int64(limit ?? -1)]
                ) { row in
                    SubscriptionUsageRecord(
                        key: row.string(0), name: row.string(1), plan: row.string(2), diskBytes: row.int64(3),
                        trafficBytes: row.optionalInt64(4), diskLimitBytes: row.optionalInt64(5),
                        trafficLimitBytes: row.optionalInt64(6),
                        overLimits: row.string(7).isEmpty ? [] : row.string(7).split(separator: ",").map(String.init))
                }
                result += rows.map { (name, $0) }
            }
            return result
        }
    }

    public func subscriptionDisk(target: String, at: Date) throws -> [String: Int64] {
        try db.transaction(.deferred) {
            guard let targetID = try targetID(named: target) else { return [:] }
            let rows = try db.query(
                """
                SELECT key, disk_bytes FROM subscription_disk_history AS h
                WHERE target_id = ?1 AND day = (
                    SELECT max(day) FROM subscription_disk_history
                    WHERE target_id = ?1 AND key = h.key AND day <= ?2)
                """,
                [targetID, at.unixMilliseconds / 86_400_000]
            ) { row in (row.string(0), row.int64(1)) }
            return Dictionary(rows, uniquingKeysWith: { first, _ in first })
        }
    }
}
