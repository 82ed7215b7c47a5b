/// Subscriptions of one primary status on one service plan: a sample of `plesk_subscriptions{status,plan}`.
public struct SubscriptionBucket: Sendable, Hashable, Codable, Comparable {
    /// ``SubscriptionStatus/primary(_:)``.
    public var status: String
    /// The service plan's name, or its guid when the plan list did not name it, or "" without a plan.
    public var plan: String
    public var count: Int

    public init(status: String, plan: String, count: Int) {
        self.status = status
        self.plan = plan
        self.count = count
    }

    public static func < (a: SubscriptionBucket, b: SubscriptionBucket) -> Bool {
        (a.status, a.plan) < (b.status, b.plan)
    }
}
