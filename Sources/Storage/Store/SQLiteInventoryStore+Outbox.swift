import Foundation
import InventoryModel

extension SQLiteInventoryStore: OutboxStore {
    public func queuedDeliveries(limitPerWebhook limit: Int) throws -> [QueuedDelivery] {
        guard limit > 0 else { return [] }
        return try db.transaction(.deferred) {
            let names = try targetNames()
            let webhooks = try db.query("SELECT DISTINCT webhook FROM outbox ORDER BY webhook") { $0.string(0) }
            var deliveries: [QueuedDelivery] = []
            for webhook in webhooks {
                let rows = try db.query(
                    """
                    SELECT id, event_id, attempts, next_attempt_at, last_error, finding_id, finding_change FROM outbox
                    WHERE webhook = ? ORDER BY id LIMIT ?
                    """,
                    [webhook, limit]
                ) { row in
                    (
                        id: row.int64(0), eventID: row.optionalInt64(1), attempts: row.int(2), next: row.int64(3),
                        error: row.optionalString(4), findingID: row.optionalInt64(5),
                        change: row.optionalString(6).flatMap(FindingChange.init(rawValue:))
                    )
                }
                for row in rows {
                    let payload: QueuedDelivery.Payload
                    if let eventID = row.eventID {
                        guard let event = try event(id: eventID, names: names) else { continue }
                        payload = .event(event)
                    } else {
                        guard let findingID = row.findingID, let change = row.change,
                            let record = try finding(id: findingID)
                        else { continue }
                        payload = .finding(record, change)
                    }
                    deliveries.append(
                        QueuedDelivery(
                            id: row.id, webhook: webhook, attempts: row.attempts,
                            nextAttemptAt: Date(unixMilliseconds: row.next), lastError: row.error, payload: payload))
                }
            }
            return deliveries
        }
    }

    public func deliverySucceeded(id: Int64) throws {
        try db.transaction { try db.execute("DELETE FROM outbox WHERE id = ?", [id]) }
    }

    public func deliveryFailed(id: Int64, error: String, nextAttemptAt: Date) throws {
        try db.transaction {
            try db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                [error, nextAttemptAt.unixMilliseconds, id])
        }
    }

    public func dropDeliveries(webhook: String) throws -> Int {
        try db.transaction {
            try db.query("DELETE FROM outbox WHERE webhook = ? RETURNING id", [webhook]) { $0.int64(0) }.count
        }
    }

    public func queuedDeliveryCounts() throws -> [String: Int] {
        try db.transaction(.deferred) {
            var counts: [String: Int] = [:]
            try db.forEachRow("SELECT webhook, count(*) FROM outbox GROUP BY webhook") {
                counts[$0.string(0)] = $0.int(1)
            }
            return counts
        }
    }
}
