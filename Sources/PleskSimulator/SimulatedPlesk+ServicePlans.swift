extension SimulatedPlesk {
    // MARK: Service plans (XML API `service-plan`, `service-plan-addon`)

    @discardableResult
    public func addServicePlan(
        _ name: String,
        ownerClientID: Int = SimulatedClient.adminID,
        kind: SimulatedServicePlan.Kind = .service,
        overuse: SimulatedServicePlan.Overuse = .normal,
        limits: [String: Int64] = [:],
        externalID: String? = nil,
        guid: String? = nil
    ) throws(SimulatorError) -> SimulatedServicePlan {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.addServicePlan(
                name, ownerClientID: ownerClientID, kind: kind, overuse: overuse, limits: limits,
                externalID: externalID,
                guid: guid)
        }
    }

    /// Removes a plan; refused while subscriptions use it unless `detachingSubscriptions`.
    public func removeServicePlan(id: Int, detachingSubscriptions: Bool = false) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.removeServicePlan(id: id, detachingSubscriptions: detachingSubscriptions)
        }
    }

    public func renameServicePlan(id: Int, to name: String) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.renameServicePlan(id: id, to: name)
        }
    }

    /// Sets one limit of a plan (nil removes it); subscriptions on it follow unless locked.
    public func setLimit(_ name: String, to value: Int64?, forServicePlan id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setLimit(name, to: value, forServicePlan: id)
        }
    }

    public func setOveruse(_ overuse: SimulatedServicePlan.Overuse, forServicePlan id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setOveruse(overuse, forServicePlan: id)
        }
    }

    /// Edits a plan in place (not its id).
    public func updateServicePlan(id: Int, _ body: (inout SimulatedServicePlan) throws -> Void) throws {
        try self.update { (inventory: inout PleskInventory) throws in try inventory.updateServicePlan(id: id, body) }
    }
}
