extension PleskInventory {
    // MARK: Lookups

    public func servicePlan(id: Int) -> SimulatedServicePlan? {
        Self.binarySearch(self.servicePlans, id: id).map { self.servicePlans[$0] }
    }

    public func servicePlan(guid: String) -> SimulatedServicePlan? {
        let wanted = guid.lowercased()
        return self.servicePlans.first { $0.guid.lowercased() == wanted }
    }

    /// The plan of this kind called `name` in `ownerClientID`'s list (names are unique per owner and kind).
    public func servicePlan(
        named name: String, ownerClientID: Int = SimulatedClient.adminID, kind: SimulatedServicePlan.Kind = .service
    ) -> SimulatedServicePlan? {
        self.servicePlans.first { $0.name == name && $0.ownerClientID == ownerClientID && $0.kind == kind }
    }

    /// The subscriptions on a plan (as service plan or as add-on).
    public func subscriptions(onPlan guid: String) -> [SimulatedSubscription] {
        self.subscriptions.filter { $0.servicePlanGUID == guid || $0.addonPlanGUIDs.contains(guid) }
    }

    // MARK: Mutations

    /// Adds a plan with the next id, owned by the admin or a reseller.
    @discardableResult
    public mutating func addServicePlan(
        _ name: String,
        ownerClientID: Int = SimulatedClient.adminID,
        kind: SimulatedServicePlan.Kind = .service,
        overuse: SimulatedServicePlan.Overuse = .normal,
        limits: [String: Int64] = [:],
        externalID: String? = nil,
        guid: String? = nil
    ) throws(SimulatorError) -> SimulatedServicePlan {
        guard let owner = self.client(id: ownerClientID) else {
            throw SimulatorError(.unknownClient, "no client with id \(ownerClientID)")
        }
        guard owner.type != .customer else {
            throw SimulatorError(.invalidServicePlan, "plans belong to the admin or a reseller, not to \(owner.login)")
        }
        guard self.servicePlan(named: name, ownerClientID: ownerClientID, kind: kind) == nil else {
            throw SimulatorError(.duplicateName, "\(owner.login) already has a plan named \(name)")
        }
        let plan = SimulatedServicePlan(
            id: self.nextServicePlanID, guid: guid ?? self.random.uuidString(), name: name,
            ownerClientID: ownerClientID, externalID: externalID, kind: kind, overuse: overuse, limits: limits)
        self.nextServicePlanID += 1
        self.servicePlans.append(plan)
        return plan
    }

    /// Removes a plan. Plesk refuses while subscriptions use it; with `detachingSubscriptions` they keep the
    /// limits they had, as custom subscriptions (a removed add-on just leaves their list).
    public mutating func removeServicePlan(id: Int, detachingSubscriptions: Bool = false) throws(SimulatorError) {
        let index = try self.requireServicePlanIndex(id)
        let plan = self.servicePlans[index]
        let users = self.subscriptions(onPlan: plan.guid).count
        if users > 0, !detachingSubscriptions {
            throw SimulatorError(.servicePlanInUse, "\(users) subscription(s) use the plan \(plan.name)")
        }
        self.detachSubscriptions(from: [plan.guid])
        self.servicePlans.remove(at: index)
    }

    public mutating func renameServicePlan(id: Int, to name: String) throws(SimulatorError) {
        let index = try self.requireServicePlanIndex(id)
        let plan = self.servicePlans[index]
        if let other = self.servicePlan(named: name, ownerClientID: plan.ownerClientID, kind: plan.kind), other.id != id
        {
            throw SimulatorError(.duplicateName, "the owner already has a plan named \(name)")
        }
        self.servicePlans[index].name = name
    }

    /// Sets one limit of a plan (-1 unlimited; nil removes it). Subscriptions on the plan follow, except locked
    /// ones, which keep their values and become unsynchronized (Plesk's behaviour).
    public mutating func setLimit(_ name: String, to value: Int64?, forServicePlan id: Int) throws(SimulatorError) {
        let index = try self.requireServicePlanIndex(id)
        self.freezeLockedSubscriptions(on: self.servicePlans[index])
        self.servicePlans[index].limits[name] = value
    }

    /// Sets a plan's `overuse` (locked subscriptions keep theirs, as with ``setLimit(_:to:forServicePlan:)``).
    public mutating func setOveruse(_ overuse: SimulatedServicePlan.Overuse, forServicePlan id: Int)
        throws(SimulatorError)
    {
        let index = try self.requireServicePlanIndex(id)
        self.freezeLockedSubscriptions(on: self.servicePlans[index])
        self.servicePlans[index].overuse = overuse
    }

    /// Edits a plan in place (its id cannot change; a new guid is carried over to the subscriptions using it).
    public mutating func updateServicePlan(id: Int, _ body: (inout SimulatedServicePlan) throws -> Void) throws {
        let index = try self.requireServicePlanIndex(id)
        let old = self.servicePlans[index]
        var plan = old
        try body(&plan)
        plan.id = id
        if plan.limits != old.limits || plan.overuse != old.overuse { self.freezeLockedSubscriptions(on: old) }
        if plan.guid != old.guid {
            for position in self.subscriptions.indices {
                if self.subscriptions[position].servicePlanGUID == old.guid {
                    self.subscriptions[position].servicePlanGUID = plan.guid
                }
                for addon in self.subscriptions[position].addonPlanGUIDs.indices
                where self.subscriptions[position].addonPlanGUIDs[addon] == old.guid {
                    self.subscriptions[position].addonPlanGUIDs[addon] = plan.guid
                }
            }
        }
        self.servicePlans[index] = plan
    }

    // MARK: Helpers

    /// Locked subscriptions on `plan` take its current limits as their own before the plan changes.
    mutating func freezeLockedSubscriptions(on plan: SimulatedServicePlan) {
        guard plan.kind == .service else { return }
        for position in self.subscriptions.indices
        where self.subscriptions[position].locked && self.subscriptions[position].servicePlanGUID == plan.guid {
            self.subscriptions[position].limitOverrides.merge(plan.limits) { override, _ in override }
            if self.subscriptions[position].overuseOverride == nil {
                self.subscriptions[position].overuseOverride = plan.overuse
            }
            self.subscriptions[position].synchronized = false
        }
    }

    /// Subscriptions on these plans lose them: a service plan's limits stay as the subscription's own.
    mutating func detachSubscriptions(from guids: Set<String>) {
        guard !guids.isEmpty else { return }
        for position in self.subscriptions.indices {
            let subscription = self.subscriptions[position]
            if let guid = subscription.servicePlanGUID, guids.contains(guid) {
                let (overuse, limits) = self.effectiveLimits(of: subscription)
                self.subscriptions[position].limitOverrides = limits
                self.subscriptions[position].overuseOverride = overuse
                self.subscriptions[position].servicePlanGUID = nil
                self.subscriptions[position].addonPlanGUIDs = []
                self.subscriptions[position].synchronized = false
            } else if subscription.addonPlanGUIDs.contains(where: guids.contains) {
                self.subscriptions[position].addonPlanGUIDs.removeAll(where: guids.contains)
            }
        }
    }

    /// Removes the plans of accounts that were removed (Plesk deletes a reseller's plans with the reseller).
    mutating func removeServicePlans(ownedBy owners: Set<Int>) {
        let doomed = Set(self.servicePlans.filter { owners.contains($0.ownerClientID) }.map(\.guid))
        guard !doomed.isEmpty else { return }
        self.detachSubscriptions(from: doomed)
        self.servicePlans.removeAll { doomed.contains($0.guid) }
    }

    func requireServicePlanIndex(_ id: Int) throws(SimulatorError) -> Int {
        guard let index = Self.binarySearch(self.servicePlans, id: id) else {
            throw SimulatorError(.unknownServicePlan, "no service plan with id \(id)")
        }
        return index
    }
}
