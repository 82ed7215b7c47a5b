import Foundation

/// Summary of one target as stored.
public struct TargetRecord: Sendable, Hashable {
    public var name: String
    public var url: String
    public var lastPoll: PollRecord?
    public var lastSuccess: PollRecord?
    /// Set once the target's baseline poll has been committed.
    public var baselineAt: Date?

    /// The server's meta from the last complete poll that fetched it, as JSON.
    public var serverJSON: String?
    /// Subscriptions by status and plan as the last poll that collected them left them.
    public var subscriptionBreakdown: [SubscriptionBucket]

    public init(
        name: String, url: String, lastPoll: PollRecord?, lastSuccess: PollRecord?, baselineAt: Date?,
        serverJSON: String? = nil, subscriptionBreakdown: [SubscriptionBucket] = []
    ) {
        self.subscriptionBreakdown = subscriptionBreakdown
        self.name = name
        self.url = url
        self.lastPoll = lastPoll
        self.lastSuccess = lastSuccess
        self.baselineAt = baselineAt
        self.serverJSON = serverJSON
    }
}
