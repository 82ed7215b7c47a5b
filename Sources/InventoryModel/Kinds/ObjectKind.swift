/// The kinds of Plesk object the exporter tracks: domains and clients (REST API), subscriptions and service plans
/// (XML API).
public enum ObjectKind: String, Sendable, Hashable, CaseIterable, Codable {
    case domain
    case client
    case subscription
    case plan

    /// Whether the kind is read through the XML API: its failure fails only that kind, not the poll (SPEC §15).
    public var isOptional: Bool { self == .subscription || self == .plan }

    /// The kinds a target's polls collect, given its `collect.subscriptions` and `collect.service_plans`.
    public static func collected(subscriptions: Bool, servicePlans: Bool) -> [ObjectKind] {
        allCases.filter { kind in
            switch kind {
            case .domain, .client: true
            case .subscription: subscriptions
            case .plan: servicePlans
            }
        }
    }
}
