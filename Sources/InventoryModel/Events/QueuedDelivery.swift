import Foundation

/// One event, or one finding opened or closed, waiting to be delivered to one webhook.
public struct QueuedDelivery: Sendable, Hashable {
    /// What is delivered.
    public enum Payload: Sendable, Hashable {
        case event(EventRecord)
        /// A reconciliation finding that opened or closed (as it is now: a closed one has its closing time).
        case finding(FindingRecord, FindingChange)
    }

    public var id: Int64
    public var webhook: String
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var payload: Payload

    public init(id: Int64, webhook: String, attempts: Int, nextAttemptAt: Date, lastError: String?, payload: Payload) {
        self.id = id
        self.webhook = webhook
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.payload = payload
    }

    public init(id: Int64, webhook: String, attempts: Int, nextAttemptAt: Date, lastError: String?, event: EventRecord) {
        self.init(
            id: id, webhook: webhook, attempts: attempts, nextAttemptAt: nextAttemptAt, lastError: lastError,
            payload: .event(event))
    }

    /// The event, when an event is delivered.
    public var event: EventRecord? {
        if case .event(let event) = payload { return event }
        return nil
    }

    /// What the logs call the delivery: "event 42" or "finding 7 opened".
    public var label: String {
        switch payload {
        case .event(let event): "event \(event.id)"
        case .finding(let record, let change): "finding \(record.id) \(change.rawValue)"
        }
    }
}
