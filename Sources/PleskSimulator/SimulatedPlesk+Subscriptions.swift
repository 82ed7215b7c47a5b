extension SimulatedPlesk {
    // MARK: Subscriptions (XML API `webspace`)

    /// Adds a top-level domain with its subscription settings (see ``PleskInventory/addSubscription(_:asciiName:ownerClientID:servicePlanGUID:addonPlanGUIDs:status:hostingType:externalID:usage:created:guid:)``).
    @discardableResult
    public func addSubscription(
        _ name: String,
        asciiName: String? = nil,
        ownerClientID: Int = SimulatedClient.adminID,
        servicePlanGUID: String? = nil,
        addonPlanGUIDs: [String] = [],
        status: SimulatedSubscription.Status = .active,
        hostingType: SimulatedDomain.HostingType = .virtual,
        externalID: String? = nil,
        usage: SimulatedSubscription.Usage = SimulatedSubscription.Usage(),
        created: String? = nil,
        guid: String? = nil
    ) throws(SimulatorError) -> SimulatedSubscription {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.addSubscription(
                name, asciiName: asciiName, ownerClientID: ownerClientID, servicePlanGUID: servicePlanGUID,
                addonPlanGUIDs: addonPlanGUIDs, status: status, hostingType: hostingType, externalID: externalID,
                usage: usage, created: created, guid: guid)
        }
    }

    /// Sets the raw status bit mask (the main domain's REST status follows).
    public func setStatus(_ status: SimulatedSubscription.Status, forSubscription id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setStatus(status, forSubscription: id)
        }
    }

    /// Suspends a subscription as the admin (16), its reseller (32) or its customer (64).
    public func suspendSubscription(id: Int, by suspender: SimulatedSubscription.Suspender = .admin)
        throws(SimulatorError)
    {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.suspendSubscription(id: id, by: suspender)
        }
    }

    /// Lifts one suspender's suspension, or with nil every suspension (expiry stays).
    public func unsuspendSubscription(id: Int, by suspender: SimulatedSubscription.Suspender? = nil)
        throws(SimulatorError)
    {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.unsuspendSubscription(id: id, by: suspender)
        }
    }

    /// Marks a subscription expired (256) with its `expiration` limit at `unixTime` (default: today).
    public func expireSubscription(id: Int, at unixTime: Int64? = nil) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.expireSubscription(id: id, at: unixTime)
        }
    }

    /// Moves a subscription to another service plan (nil: none); overrides are dropped.
    public func changePlan(
        ofSubscription id: Int, to servicePlanGUID: String?, addonPlanGUIDs: [String]? = nil
    ) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.changePlan(ofSubscription: id, to: servicePlanGUID, addonPlanGUIDs: addonPlanGUIDs)
        }
    }

    /// Sets measured usage (nil leaves a figure unchanged).
    public func setUsage(
        ofSubscription id: Int, diskBytes: Int64? = nil, trafficBytes: Int64? = nil,
        trafficPreviousDayBytes: Int64? = nil
    ) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setUsage(
                ofSubscription: id, diskBytes: diskBytes, trafficBytes: trafficBytes,
                trafficPreviousDayBytes: trafficPreviousDayBytes)
        }
    }

    /// Overrides one limit of a subscription (nil: back to the plan's).
    public func setLimit(_ name: String, to value: Int64?, forSubscription id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setLimit(name, to: value, forSubscription: id)
        }
    }

    /// Overrides a subscription's `overuse` (nil: back to the plan's).
    public func setOveruse(_ overuse: SimulatedServicePlan.Overuse?, forSubscription id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setOveruse(overuse, forSubscription: id)
        }
    }

    /// Edits a subscription in place (locked, synchronized, external id, addresses, …; not its id).
    public func updateSubscription(id: Int, _ body: (inout SimulatedSubscription) throws -> Void) throws {
        try self.update { (inventory: inout PleskInventory) throws in try inventory.updateSubscription(id: id, body) }
    }
}
