import InventoryModel
import PleskAPI

/// What a poll needs of a listed subscription besides its fields: its owner and plans for enrichment, its status and
/// limits for counting.
struct ListedSubscription: Sendable {
    var id: Int
    var status: Int
    /// `gen_info/owner-id`, or -1.
    var ownerID: Int
    /// `owner-login` as sent (admin-owned subscriptions), else "".
    var ownerLogin: String
    /// Every plan guid, in the order received.
    var planGUIDs: [String]
    /// Whether a disk or traffic limit is exceeded.
    var overLimit: Bool

    init(_ subscription: PleskSubscription) {
        self.init(
            id: subscription.id, status: subscription.status, ownerID: subscription.ownerID ?? -1,
            ownerLogin: subscription.ownerLogin ?? "", planGUIDs: subscription.planGUIDs,
            overLimit: !SubscriptionLimits(subscription.usage).exceeded.isEmpty)
    }

    init(id: Int, status: Int, ownerID: Int, ownerLogin: String, planGUIDs: [String], overLimit: Bool) {
        self.id = id
        self.status = status
        self.ownerID = ownerID
        self.ownerLogin = ownerLogin
        self.planGUIDs = planGUIDs
        self.overLimit = overLimit
    }
}

/// What a poll needs of a listed service plan: its guid and name, to name the plan of each subscription.
struct ListedPlan: Sendable {
    var id: Int
    var guid: String
    var name: String

    init(_ plan: PleskServicePlan) { self.init(id: plan.id, guid: plan.guid, name: plan.name) }

    init(id: Int, guid: String, name: String) {
        self.id = id
        self.guid = guid
        self.name = name
    }
}

extension ListedSubscription: RememberedFacts {
    func write(to memory: inout MemoryBytes) {
        memory.write(id)
        memory.write(status)
        memory.write(ownerID)
        memory.write(ownerLogin)
        memory.write(overLimit ? 1 : 0)
        memory.write(planGUIDs.count)
        for guid in planGUIDs { memory.write(guid) }
    }

    init(from memory: inout MemoryBytes) throws {
        let id = try memory.readInt()
        let status = try memory.readInt()
        let ownerID = try memory.readInt()
        let ownerLogin = try memory.readString()
        let overLimit = try memory.readInt() != 0
        let count = try memory.readInt()
        guard count >= 0, count < 1024 else { throw MemoryBytes.Unreadable() }
        var guids: [String] = []
        for _ in 0..<count { guids.append(try memory.readString()) }
        self.init(
            id: id, status: status, ownerID: ownerID, ownerLogin: ownerLogin, planGUIDs: guids, overLimit: overLimit)
    }
}

extension ListedPlan: RememberedFacts {
    func write(to memory: inout MemoryBytes) {
        memory.write(id)
        memory.write(guid)
        memory.write(name)
    }

    init(from memory: inout MemoryBytes) throws {
        self.init(id: try memory.readInt(), guid: try memory.readString(), name: try memory.readString())
    }
}
