import Foundation
import InventoryModel

/// The few stored fields a report counts by, decoded without building the whole object.
struct ObjectFacts: Decodable {
    /// Domains: `virtual`, `standard_forwarding`, `frame_forwarding`, `none`.
    var hostingType: String?
    /// Domains: the owning client's login, when owners are collected.
    var owner: String?
    /// Clients: `admin`, `reseller`, `customer`.
    var type: String?
    /// Clients: Plesk's numeric status.
    var status: Int?
    /// Clients: the person's or company's name.
    var name: String?
    /// Subscriptions: the service plan's name, when the poll knew it.
    var plan: String?
    /// Subscriptions: the service plan's guid.
    var planGUID: String?

    enum CodingKeys: String, CodingKey {
        case owner, type, status, name, plan
        case hostingType = "hosting_type"
        case planGUID = "plan_guid"
    }

    init(from decoder: any Decoder) throws {
        // Field by field: one unexpected value must not lose the others.
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hostingType = try? container.decodeIfPresent(String.self, forKey: .hostingType)
        owner = try? container.decodeIfPresent(String.self, forKey: .owner)
        type = try? container.decodeIfPresent(String.self, forKey: .type)
        status = try? container.decodeIfPresent(Int.self, forKey: .status)
        name = try? container.decodeIfPresent(String.self, forKey: .name)
        plan = try? container.decodeIfPresent(String.self, forKey: .plan)
        planGUID = try? container.decodeIfPresent(String.self, forKey: .planGUID)
    }

    init() {}

    static func decode(_ json: String, with decoder: JSONDecoder) -> ObjectFacts {
        (try? decoder.decode(ObjectFacts.self, from: Data(json.utf8))) ?? ObjectFacts()
    }

    /// Subscriptions: the plan as `plesk_subscriptions{plan}` labels it: its name, else its guid, else "".
    var planLabel: String {
        if let plan, !plan.isEmpty { return plan }
        return planGUID ?? ""
    }

    /// Subscriptions: every state that holds, from the status bit mask the poller always stores.
    var subscriptionStates: [String] { status.map(SubscriptionStatus.states) ?? ["other"] }

    /// Subscriptions: the one state a count labels the subscription with (``SubscriptionStatus/primary(_:)``).
    var primaryState: String { status.map(SubscriptionStatus.primary) ?? "other" }

    /// Subscriptions: whether a suspension holds.
    var isSuspended: Bool { status.map(SubscriptionStatus.isSuspended) ?? false }

    /// Subscriptions: whether the subscription has expired.
    var isExpired: Bool { status.map(SubscriptionStatus.isExpired) ?? false }
}
