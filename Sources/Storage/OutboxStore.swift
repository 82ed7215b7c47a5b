import Foundation

/// The webhook outbox: events queued for delivery with the poll that produced them, removed once delivered.
public protocol OutboxStore: Sendable {
    /// The oldest `limit` queued deliveries of every webhook, each webhook's in event order.
    func queuedDeliveries(limitPerWebhook limit: Int) async throws -> [QueuedDelivery]
    /// Removes a delivered row.
    func deliverySucceeded(id: Int64) async throws
    /// Records a failed attempt and when to try again.
    func deliveryFailed(id: Int64, error: String, nextAttemptAt: Date) async throws
    /// Drops every row of a webhook that is no longer configured; returns how many.
    func dropDeliveries(webhook: String) async throws -> Int
    /// Queued deliveries per webhook.
    func queuedDeliveryCounts() async throws -> [String: Int]
}

/// One event waiting to be delivered to one webhook.
public struct QueuedDelivery: Sendable, Hashable {
    public var id: Int64
    public var webhook: String
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var event: EventRecord

    public init(id: Int64, webhook: String, attempts: Int, nextAttemptAt: Date, lastError: String?, event: EventRecord) {
        self.id = id
        self.webhook = webhook
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.event = event
    }
}
