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

