import Foundation
import InventoryModel

/// Removals the guard was still holding at the end of the period (SPEC §6): objects missing from Plesk that stay in
/// the inventory until enough further polls confirm them.
public struct HeldRemovals: Sendable, Hashable {
    /// The last successful poll at or before the end, whose outcome this is.
    public var asOf: Date?
    public var domains: Int
    public var clients: Int
    public var subscriptions: Int
    public var plans: Int
    /// Nil when they are no longer known: a later poll has since confirmed or cancelled the hold.
    public var objects: [HeldRemovalsAt.Object]?

    public init(_ held: HeldRemovalsAt) {
        asOf = held.poll?.finishedAt
        domains = held.domains
        clients = held.clients
        subscriptions = held.poll?.heldSubscriptions ?? 0
        plans = held.poll?.heldPlans ?? 0
        objects = held.objects
    }

    public var total: Int { domains + clients + subscriptions + plans }
}

extension HeldRemovals: Encodable {
    enum CodingKeys: String, CodingKey {
        case domains, clients, subscriptions, plans, objects
        case asOf = "as_of"
    }

    enum ObjectKeys: String, CodingKey {
        case object, key, name
        case missedPolls = "missed_polls"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asOf.map(ReportText.rfc3339), forKey: .asOf)
        try container.encode(domains, forKey: .domains)
        try container.encode(clients, forKey: .clients)
        try container.encode(subscriptions, forKey: .subscriptions)
        try container.encode(plans, forKey: .plans)
        guard let objects else { return try container.encodeNil(forKey: .objects) }
        var list = container.nestedUnkeyedContainer(forKey: .objects)
        for object in objects {
            var item = list.nestedContainer(keyedBy: ObjectKeys.self)
            try item.encode(object.kind.rawValue, forKey: .object)
            try item.encode(object.key, forKey: .key)
            try item.encode(object.name, forKey: .name)
            try item.encode(object.missedPolls, forKey: .missedPolls)
        }
    }
}
