extension SimulatedPlesk {
    /// A snapshot of the served inventory.
    public var inventory: PleskInventory {
        self.state.inventory
    }

    /// Whether domain items carry `aliases` (false mimics Plesk before 18.0.42).
    public var includeAliases: Bool {
        get { self.state.includeAliases }
        set { self.state.includeAliases = newValue }
    }

    /// Changes the served inventory atomically; the next request sees the change. If `body` throws after
    /// changing something, that change stays (each ``PleskInventory`` mutation validates before changing).
    @discardableResult
    public func update<T: Sendable, E: Error>(_ body: (inout PleskInventory) throws(E) -> T) throws(E) -> T {
        try self.state.update(body)
    }

    /// Replaces the whole inventory.
    public func replaceInventory(with inventory: PleskInventory) {
        self.state.update { $0 = inventory }
    }

    // MARK: Domains

    /// Adds a domain; a top-level one (`baseDomainID` 0) is also a subscription, without a plan.
    @discardableResult
    public func addDomain(
        _ name: String,
        asciiName: String? = nil,
        hostingType: SimulatedDomain.HostingType = .virtual,
        ownerClientID: Int = SimulatedClient.adminID,
        baseDomainID: Int = 0,
        status: SimulatedDomain.Status = .active,
        aliases: [String] = [],
        created: String? = nil,
        guid: String? = nil
    ) throws(SimulatorError) -> SimulatedDomain {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.addDomain(
                name, asciiName: asciiName, hostingType: hostingType, ownerClientID: ownerClientID,
                baseDomainID: baseDomainID, status: status, aliases: aliases, created: created, guid: guid)
        }
    }

    /// Removes a domain with the domains based on it (a top-level one with its subscription).
    public func removeDomain(id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in try inventory.removeDomain(id: id) }
    }

    public func renameDomain(id: Int, to name: String, asciiName: String? = nil) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.renameDomain(id: id, to: name, asciiName: asciiName)
        }
    }

    public func setHostingType(_ hostingType: SimulatedDomain.HostingType, forDomain id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setHostingType(hostingType, forDomain: id)
        }
    }

    public func setOwner(clientID: Int, forDomain id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.setOwner(clientID: clientID, forDomain: id)
        }
    }

    /// Sets the REST status; on a top-level domain the subscription's status follows (unchanged when it already
    /// reads that way).
    public func setStatus(_ status: SimulatedDomain.Status, forDomain id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in try inventory.setStatus(status, forDomain: id) }
    }

    @discardableResult
    public func addAlias(
        _ name: String,
        toDomain id: Int,
        web: Bool = true,
        dns: Bool = true,
        mail: Bool = false,
        seoRedirect: Bool = true
    ) throws(SimulatorError) -> SimulatedDomainAlias {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.addAlias(name, toDomain: id, web: web, dns: dns, mail: mail, seoRedirect: seoRedirect)
        }
    }

    public func removeAlias(id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in try inventory.removeAlias(id: id) }
    }

    /// Edits a domain in place (its id cannot change). Moving it to or from `baseDomainID` 0 adds or removes its
    /// subscription; a status change reaches the subscription as ``setStatus(_:forDomain:)`` does.
    public func updateDomain(id: Int, _ body: (inout SimulatedDomain) throws -> Void) throws {
        try self.update { (inventory: inout PleskInventory) throws in try inventory.updateDomain(id: id, body) }
    }

    // MARK: Clients

    @discardableResult
    public func addClient(
        login: String,
        name: String? = nil,
        type: SimulatedClient.AccountType = .customer,
        company: String = "",
        email: String? = nil,
        locale: String = "en-US",
        status: SimulatedClient.Status = .active,
        ownerLogin: String? = "admin",
        externalID: String? = nil,
        description: String = "",
        created: String? = nil,
        guid: String? = nil
    ) throws(SimulatorError) -> SimulatedClient {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in
            try inventory.addClient(
                login: login, name: name, type: type, company: company, email: email, locale: locale, status: status,
                ownerLogin: ownerLogin, externalID: externalID, description: description, created: created, guid: guid)
        }
    }

    /// Removes a client with its domains (and a reseller's customers).
    public func removeClient(id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in try inventory.removeClient(id: id) }
    }

    public func setStatus(_ status: SimulatedClient.Status, forClient id: Int) throws(SimulatorError) {
        try self.update { (inventory: inout PleskInventory) throws(SimulatorError) in try inventory.setStatus(status, forClient: id) }
    }

    /// Edits a client in place (login, name, email, type, …; not its id).
    public func updateClient(id: Int, _ body: (inout SimulatedClient) throws -> Void) throws {
        try self.update { (inventory: inout PleskInventory) throws in try inventory.updateClient(id: id, body) }
    }

    /// Sets the server meta served by `GET /server`.
    public func setServerMeta(_ meta: SimulatedServerMeta) {
        self.state.update { $0.server = meta }
    }
}
