extension PleskInventory {
    // MARK: Lookups

    public func subscription(id: Int) -> SimulatedSubscription? {
        Self.binarySearch(self.subscriptions, id: id).map { self.subscriptions[$0] }
    }

    /// The subscription whose main domain is called `name` (Unicode or ASCII form, case-insensitive).
    public func subscription(named name: String) -> SimulatedSubscription? {
        self.domain(named: name).flatMap { $0.baseDomainID == 0 ? self.subscription(id: $0.id) : nil }
    }

    /// The subscriptions whose main domain `clientID` owns.
    public func subscriptions(ownedBy clientID: Int) -> [SimulatedSubscription] {
        self.subscriptions.filter { self.domain(id: $0.id)?.ownerClientID == clientID }
    }

    /// The `overuse` and limits in force: the service plan's, with the subscription's overrides on top.
    public func effectiveLimits(
        of subscription: SimulatedSubscription
    ) -> (overuse: SimulatedServicePlan.Overuse, limits: [String: Int64]) {
        let plan = subscription.servicePlanGUID.flatMap { self.servicePlan(guid: $0) }
        var limits = plan?.limits ?? [:]
        limits.merge(subscription.limitOverrides) { _, override in override }
        return (subscription.overuseOverride ?? plan?.overuse ?? .normal, limits)
    }

    /// The account that provides a client's subscriptions (`vendor-guid`): a customer's owner, else the account itself.
    public func vendor(ofClient id: Int) -> SimulatedClient? {
        guard let client = self.client(id: id) else { return nil }
        guard client.type == .customer else { return client }
        return client.ownerLogin.flatMap { self.client(login: $0) } ?? self.clients.first
    }

    // MARK: Subscriptions

    /// Adds a subscription: a top-level domain plus its subscription settings.
    @discardableResult
    public mutating func addSubscription(
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
        try self.validatePlans(service: servicePlanGUID, addons: addonPlanGUIDs)
        let domain = try self.addDomain(
            name, asciiName: asciiName, hostingType: hostingType, ownerClientID: ownerClientID,
            status: status.restStatus, created: created, guid: guid)
        let index = try self.requireSubscriptionIndex(domain.id)
        self.subscriptions[index].status = status
        self.subscriptions[index].servicePlanGUID = servicePlanGUID
        self.subscriptions[index].addonPlanGUIDs = addonPlanGUIDs
        self.subscriptions[index].externalID = externalID
        self.subscriptions[index].usage = usage
        return self.subscriptions[index]
    }

    /// Sets the raw status bit mask; the main domain's REST status (and that of its domains that read the same)
    /// follows.
    public mutating func setStatus(_ status: SimulatedSubscription.Status, forSubscription id: Int)
        throws(SimulatorError)
    {
        let index = try self.requireSubscriptionIndex(id)
        self.applyStatus(status, toSubscriptionAt: index)
    }

    /// Sets the suspender's bit (16 admin, 32 reseller, 64 customer).
    public mutating func suspendSubscription(
        id: Int, by suspender: SimulatedSubscription.Suspender = .admin
    ) throws(SimulatorError) {
        let index = try self.requireSubscriptionIndex(id)
        self.applyStatus(self.subscriptions[index].status.union(suspender.bit), toSubscriptionAt: index)
    }

    /// Clears the suspender's bit, or with nil every suspension bit (not `expired`, not the backup bit).
    public mutating func unsuspendSubscription(
        id: Int, by suspender: SimulatedSubscription.Suspender? = nil
    ) throws(SimulatorError) {
        let index = try self.requireSubscriptionIndex(id)
        let cleared = suspender?.bit ?? SimulatedSubscription.Status.suspensions
        self.applyStatus(self.subscriptions[index].status.subtracting(cleared), toSubscriptionAt: index)
    }

    /// Marks a subscription expired (bit 256) and sets its `expiration` limit to `unixTime` (default: today 00:00 UTC).
    public mutating func expireSubscription(id: Int, at unixTime: Int64? = nil) throws(SimulatorError) {
        let index = try self.requireSubscriptionIndex(id)
        self.subscriptions[index].limitOverrides[SimulatedServicePlan.Limit.expiration] =
            unixTime ?? Int64(CivilDate.today()) * 86_400
        self.applyStatus(self.subscriptions[index].status.union(.expired), toSubscriptionAt: index)
    }

    /// Moves a subscription to another service plan (nil: none, a custom subscription). As in Plesk, switching
    /// plans applies the new plan's limits: overrides are dropped and the subscription is synchronized. Add-on plans
    /// are replaced when given, else kept (and dropped with the service plan).
    public mutating func changePlan(
        ofSubscription id: Int, to servicePlanGUID: String?, addonPlanGUIDs: [String]? = nil
    ) throws(SimulatorError) {
        let index = try self.requireSubscriptionIndex(id)
        let addons = servicePlanGUID == nil ? [] : addonPlanGUIDs ?? self.subscriptions[index].addonPlanGUIDs
        try self.validatePlans(service: servicePlanGUID, addons: addons)
        self.subscriptions[index].servicePlanGUID = servicePlanGUID
        self.subscriptions[index].addonPlanGUIDs = addons
        self.subscriptions[index].limitOverrides = [:]
        self.subscriptions[index].overuseOverride = nil
        self.subscriptions[index].synchronized = true
    }

    /// Sets the measured usage; nil leaves a figure as it is.
    public mutating func setUsage(
        ofSubscription id: Int, diskBytes: Int64? = nil, trafficBytes: Int64? = nil,
        trafficPreviousDayBytes: Int64? = nil
    ) throws(SimulatorError) {
        let index = try self.requireSubscriptionIndex(id)
        if let diskBytes { self.subscriptions[index].usage.diskBytes = diskBytes }
        if let trafficBytes { self.subscriptions[index].usage.trafficBytes = trafficBytes }
        if let trafficPreviousDayBytes {
            self.subscriptions[index].usage.trafficPreviousDayBytes = trafficPreviousDayBytes
        }
    }

    /// Overrides one limit of a subscription (-1 unlimited); nil returns to the plan's value. An override makes the
    /// subscription unsynchronized with its plan, as a customised subscription is in Plesk.
    public mutating func setLimit(_ name: String, to value: Int64?, forSubscription id: Int) throws(SimulatorError) {
        let index = try self.requireSubscriptionIndex(id)
        self.subscriptions[index].limitOverrides[name] = value
        self.subscriptions[index].synchronized =
            self.subscriptions[index].limitOverrides.isEmpty && self.subscriptions[index].overuseOverride == nil
    }

    /// Overrides the subscription's `overuse`; nil returns to the plan's.
    public mutating func setOveruse(
        _ overuse: SimulatedServicePlan.Overuse?, forSubscription id: Int
    ) throws(SimulatorError) {
        let index = try self.requireSubscriptionIndex(id)
        self.subscriptions[index].overuseOverride = overuse
        self.subscriptions[index].synchronized =
            self.subscriptions[index].limitOverrides.isEmpty && self.subscriptions[index].overuseOverride == nil
    }

    /// Edits a subscription in place (its id cannot change; a status change reaches the REST status). Plan guids
    /// are not checked here, so a test can make one dangle on purpose.
    public mutating func updateSubscription(id: Int, _ body: (inout SimulatedSubscription) throws -> Void) throws {
        let index = try self.requireSubscriptionIndex(id)
        var subscription = self.subscriptions[index]
        try body(&subscription)
        subscription.id = id
        let status = subscription.status
        self.subscriptions[index] = subscription
        self.applyStatus(status, toSubscriptionAt: index)
    }

    // MARK: Keeping domains and subscriptions together

    /// Stores `status` and brings the main domain's REST status in line, along with the subscription's other
    /// domains that read as the main domain did.
    mutating func applyStatus(_ status: SimulatedSubscription.Status, toSubscriptionAt index: Int) {
        self.subscriptions[index].status = status
        let id = self.subscriptions[index].id
        guard let domainIndex = self.domainIndex(id: id) else { return }
        let old = self.domains[domainIndex].status
        let new = status.restStatus
        guard old != new else { return }
        self.domains[domainIndex].status = new
        for position in self.domains.indices
        where self.domains[position].baseDomainID == id && self.domains[position].status == old {
            self.domains[position].status = new
        }
    }

    /// A domain was added or edited: a top-level domain has a subscription, any other has none.
    mutating func domainDidChange(from old: SimulatedDomain?, to new: SimulatedDomain) {
        let wasTopLevel = old?.baseDomainID == 0
        switch (wasTopLevel, new.baseDomainID == 0) {
        case (false, true):
            self.insertSubscription(
                SimulatedSubscription(id: new.id, status: SimulatedSubscription.Status(rest: new.status)))
        case (true, false):
            if let index = Self.binarySearch(self.subscriptions, id: new.id) { self.subscriptions.remove(at: index) }
        case (true, true):
            if old?.status != new.status, let index = Self.binarySearch(self.subscriptions, id: new.id) {
                self.subscriptions[index].status = self.subscriptions[index].status.adjusted(toREST: new.status)
            }
        case (false, false):
            break
        }
    }

    mutating func insertSubscription(_ subscription: SimulatedSubscription) {
        var low = 0
        var high = self.subscriptions.count
        while low < high {
            let middle = (low + high) / 2
            if self.subscriptions[middle].id < subscription.id { low = middle + 1 } else { high = middle }
        }
        if low < self.subscriptions.count, self.subscriptions[low].id == subscription.id {
            self.subscriptions[low] = subscription
        } else {
            self.subscriptions.insert(subscription, at: low)
        }
    }

    func requireSubscriptionIndex(_ id: Int) throws(SimulatorError) -> Int {
        guard let index = Self.binarySearch(self.subscriptions, id: id) else {
            throw SimulatorError(.unknownSubscription, "no subscription with id \(id)")
        }
        return index
    }

    /// A service plan guid must name a service plan, each add-on guid an add-on plan; add-ons need a service plan.
    func validatePlans(service: String?, addons: [String]) throws(SimulatorError) {
        if let service {
            guard let plan = self.servicePlan(guid: service) else {
                throw SimulatorError(.unknownServicePlan, "no service plan with guid \(service)")
            }
            guard plan.kind == .service else {
                throw SimulatorError(.invalidServicePlan, "\(plan.name) is an add-on plan, not a service plan")
            }
        } else if !addons.isEmpty {
            throw SimulatorError(.invalidServicePlan, "add-on plans need a service plan")
        }
        for guid in addons {
            guard let plan = self.servicePlan(guid: guid) else {
                throw SimulatorError(.unknownServicePlan, "no add-on plan with guid \(guid)")
            }
            guard plan.kind == .addon else {
                throw SimulatorError(.invalidServicePlan, "\(plan.name) is a service plan, not an add-on plan")
            }
        }
    }
}
