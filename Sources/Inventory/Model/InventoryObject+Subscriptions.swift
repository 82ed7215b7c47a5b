import InventoryModel
import PleskAPI

/// Fields of subscriptions that enrichment fills in (from the client and plan lists of the same poll).
enum SubscriptionField {
    static let owner = "owner"
    static let plan = "plan"
    static let planGUID = "plan_guid"
    static let addonPlans = "addon_plans"
}

extension InventoryObject {
    /// A subscription's identity fields (usage is not among them: it never makes an event). `owner` is the owner's
    /// login and `plan` the service plan's name, when the poll knows them.
    init(subscription: PleskSubscription, owner: String?, plans: PlanNaming) {
        var fields: [String: JSONValue] = [
            "ascii_name": .string(subscription.asciiName),
            "created": .string(subscription.created),
            "hosting_type": .string(subscription.hostingType),
            "id": .int(subscription.id),
            "name": .string(subscription.name),
            "status": .int(subscription.status),
            "states": .array(SubscriptionStatus.states(subscription.status).map(JSONValue.string)),
        ]
        if let externalID = subscription.externalID { fields["external_id"] = .string(externalID) }
        if let ownerID = subscription.ownerID { fields["owner_id"] = .int(ownerID) }
        if let locked = subscription.locked { fields["locked"] = .bool(locked) }
        if let synchronized = subscription.synchronized { fields["synchronized"] = .bool(synchronized) }
        Self.setEnriched(&fields, owner: owner, planGUIDs: subscription.planGUIDs, plans: plans)
        self.init(
            kind: .subscription, key: Self.key(guid: subscription.guid, id: subscription.id), name: subscription.name,
            fields: fields)
    }

    /// Sets the fields that depend on the other lists of the poll.
    static func setEnriched(
        _ fields: inout [String: JSONValue], owner: String?, planGUIDs: [String], plans: PlanNaming
    ) {
        fields[SubscriptionField.owner] = owner.map(JSONValue.string)
        let (service, addons) = plans.split(planGUIDs)
        fields[SubscriptionField.planGUID] = service.map(JSONValue.string)
        fields[SubscriptionField.plan] = service.flatMap { plans.names[$0] }.map(JSONValue.string)
        fields[SubscriptionField.addonPlans] = addons.isEmpty ? nil : .array(addons.map(JSONValue.string))
    }

    /// A service plan's fields: its identity, owner and limits (a changed limit is a change to the plan).
    init(plan: PleskServicePlan) {
        var fields: [String: JSONValue] = [
            "id": .int(plan.id),
            "name": .string(plan.name),
            "limits": .object(plan.limits.mapValues { JSONValue.int(Int($0)) }),
        ]
        if let externalID = plan.externalID { fields["external_id"] = .string(externalID) }
        if let ownerID = plan.ownerID { fields["owner_id"] = .int(ownerID) }
        if let ownerLogin = plan.ownerLogin { fields["owner_login"] = .string(ownerLogin) }
        if let overuse = plan.overuse { fields["overuse"] = .string(overuse) }
        self.init(kind: .plan, key: Self.key(guid: plan.guid, id: plan.id), name: plan.name, fields: fields)
    }
}

/// The service plans a poll knows (this poll's list, or the remembered one when the list failed): which of a
/// subscription's plan guids is its service plan, and the plan's name.
struct PlanNaming: Sendable {
    /// Service plan guid → name.
    var names: [String: String] = [:]

    /// The service plan (the first guid that is a known service plan, else the first guid) and the add-ons.
    func split(_ guids: [String]) -> (service: String?, addons: [String]) {
        guard let service = guids.first(where: { names[$0] != nil }) ?? guids.first else { return (nil, []) }
        return (service, guids.filter { $0 != service })
    }

    /// The label of a subscription's plan in metrics: its name, else its guid, else "".
    func label(_ guids: [String]) -> String {
        guard let service = split(guids).service else { return "" }
        return names[service] ?? service
    }
}
