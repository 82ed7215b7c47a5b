/// How many subscription transitions of one kind a target has seen (`plesk_subscription_transitions_total`).
public struct TransitionTally: Sendable, Hashable {
    public var target: String
    public var transition: SubscriptionTransition
    public var total: Int

    public init(target: String, transition: SubscriptionTransition, total: Int) {
        self.target = target
        self.transition = transition
        self.total = total
    }
}
