import Foundation

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
