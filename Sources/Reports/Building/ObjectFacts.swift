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
    /// Subscriptions: the states that hold (decoded from `status`, Plesk's bit mask).
    var states: [String]?
    /// Subscriptions: the service plan's name, when the poll knew it.
    var plan: String?
    /// Subscriptions: the service plan's guid.
    var planGUID: String?

    enum CodingKeys: String, CodingKey {
        case owner, type, status, name, states, plan
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
        states = try? container.decodeIfPresent([String].self, forKey: .states)
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

    /// Subscriptions: every state that holds, from the status bit mask (or the stored states without one).
    var subscriptionStates: [String] {
        if let status { return SubscriptionStatus.states(status) }
        return states.flatMap { $0.isEmpty ? nil : $0 } ?? ["other"]
    }

    /// Subscriptions: the one state a count labels the subscription with (``SubscriptionStatus/primary(_:)``).
    var primaryState: String {
        if let status { return SubscriptionStatus.primary(status) }
        let held = Set(subscriptionStates)
        return SubscriptionStatus.names.first(where: held.contains) ?? "other"
    }

    /// Subscriptions: whether a suspension holds.
    var isSuspended: Bool {
        if let status { return SubscriptionStatus.isSuspended(status) }
        return subscriptionStates.contains { $0.hasPrefix("suspended") }
    }

    /// Subscriptions: whether the subscription has expired.
    var isExpired: Bool {
        if let status { return SubscriptionStatus.isExpired(status) }
        return subscriptionStates.contains("expired")
    }
}
