/// What happened to a subscription in a `modified` event, as the transitions counter names it
/// (`plesk_subscription_transitions_total{transition}`), so alerts can ask for suspensions or plan changes without
/// reading events.
public enum SubscriptionTransition: String, Sendable, Hashable, CaseIterable, Codable {
    case suspended
    case unsuspended
    case expired
    case renewed
    case planChanged = "plan_changed"
    case ownerChanged = "owner_changed"
}
