extension PleskInventory {
    // MARK: Domains

    /// Adds a domain with the next id. `asciiName` defaults to the Punycode form of `name`. A top-level domain
    /// (`baseDomainID` 0) is a new subscription without a plan (see ``addSubscription(_:asciiName:ownerClientID:servicePlanGUID:addonPlanGUIDs:status:hostingType:externalID:usage:created:guid:)``).
    @discardableResult
    public mutating func addDomain(
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
        guard self.domain(named: name) == nil else {
            throw SimulatorError(.duplicateName, "a domain named \(name) already exists")
        }
        guard self.clientIndex(id: ownerClientID) != nil else {
            throw SimulatorError(.unknownClient, "no client with id \(ownerClientID)")
        }
        guard baseDomainID == 0 || self.domainIndex(id: baseDomainID) != nil else {
            throw SimulatorError(.unknownDomain, "no base domain with id \(baseDomainID)")
        }
        let domain = SimulatedDomain(
            id: self.nextDomainID,
            guid: guid ?? self.random.uuidString(),
            name: name,
            asciiName: asciiName,
            hostingType: hostingType,
            baseDomainID: baseDomainID,
            created: created ?? self.today,
            aliases: aliases.map { self.makeAlias($0) },
            ownerClientID: ownerClientID,
            status: status
        )
        self.nextDomainID += 1
        self.domains.append(domain)
        self.domainDidChange(from: nil, to: domain)
        return domain
    }

    /// Removes a domain and, as Plesk does, the domains based on it (a top-level domain takes its subscription along).
    public mutating func removeDomain(id: Int) throws(SimulatorError) {
        _ = try self.requireDomainIndex(id)
        var removed: Set<Int> = [id]
        var changed = true
        while changed {
            changed = false
            for domain in self.domains where !removed.contains(domain.id) && removed.contains(domain.baseDomainID) {
                removed.insert(domain.id)
                changed = true
            }
        }
        self.domains.removeAll { removed.contains($0.id) }
        self.subscriptions.removeAll { removed.contains($0.id) }
    }

    public mutating func renameDomain(id: Int, to name: String, asciiName: String? = nil) throws(SimulatorError) {
        let index = try self.requireDomainIndex(id)
        if let other = self.domain(named: name), other.id != id {
            throw SimulatorError(.duplicateName, "a domain named \(name) already exists")
        }
        self.domains[index].name = name
        self.domains[index].asciiName = asciiName ?? Punycode.asciiName(for: name)
    }

    public mutating func setHostingType(_ hostingType: SimulatedDomain.HostingType, forDomain id: Int) throws(SimulatorError) {
        let index = try self.requireDomainIndex(id)
        self.domains[index].hostingType = hostingType
    }

    public mutating func setOwner(clientID: Int, forDomain id: Int) throws(SimulatorError) {
        let index = try self.requireDomainIndex(id)
        guard self.clientIndex(id: clientID) != nil else {
            throw SimulatorError(.unknownClient, "no client with id \(clientID)")
        }
        self.domains[index].ownerClientID = clientID
    }

    public mutating func setStatus(_ status: SimulatedDomain.Status, forDomain id: Int) throws(SimulatorError) {
        let index = try self.requireDomainIndex(id)
        let old = self.domains[index]
        self.domains[index].status = status
        self.domainDidChange(from: old, to: self.domains[index])
    }

    /// Adds an alias (with the next alias id) to a domain.
    @discardableResult
    public mutating func addAlias(
        _ name: String,
        toDomain id: Int,
        web: Bool = true,
        dns: Bool = true,
        mail: Bool = false,
        seoRedirect: Bool = true
    ) throws(SimulatorError) -> SimulatedDomainAlias {
        let index = try self.requireDomainIndex(id)
        var alias = self.makeAlias(name)
        alias.web = web
        alias.dns = dns
        alias.mail = mail
        alias.seoRedirect = seoRedirect
        self.domains[index].aliases.append(alias)
        return alias
    }

    public mutating func removeAlias(id: Int) throws(SimulatorError) {
        for index in self.domains.indices {
            if let position = self.domains[index].aliases.firstIndex(where: { $0.id == id }) {
                self.domains[index].aliases.remove(at: position)
                return
            }
        }
        throw SimulatorError(.unknownAlias, "no alias with id \(id)")
    }

    /// Edits a domain in place (its id cannot change).
    public mutating func updateDomain(id: Int, _ body: (inout SimulatedDomain) throws -> Void) throws {
        let index = try self.requireDomainIndex(id)
        let old = self.domains[index]
        var domain = old
        try body(&domain)
        domain.id = id
        self.domains[index] = domain
        self.domainDidChange(from: old, to: domain)
    }

    // MARK: Clients

    /// Adds a client with the next id. Logins are unique, as in Plesk.
    @discardableResult
    public mutating func addClient(
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
        guard self.client(login: login) == nil else {
            throw SimulatorError(.duplicateLogin, "a client with login \(login) already exists")
        }
        let client = SimulatedClient(
            id: self.nextClientID,
            guid: guid ?? self.random.uuidString(),
            login: login,
            name: name ?? login,
            company: company,
            email: email ?? "\(login)@example.com",
            locale: locale,
            status: status,
            type: type,
            ownerLogin: ownerLogin,
            externalID: externalID,
            description: description,
            created: created ?? self.today
        )
        self.nextClientID += 1
        self.clients.append(client)
        return client
    }

    /// Removes a client with its domains; removing a reseller also removes its customers (Plesk's behaviour).
    public mutating func removeClient(id: Int) throws(SimulatorError) {
        guard id != SimulatedClient.adminID else {
            throw SimulatorError(.adminIsPermanent, "the admin account cannot be removed")
        }
        let index = try self.requireClientIndex(id)
        let login = self.clients[index].login
        var removed: Set<Int> = [id]
        if self.clients[index].type == .reseller {
            for client in self.clients where client.ownerLogin == login && client.id != id {
                removed.insert(client.id)
            }
        }
        self.clients.removeAll { removed.contains($0.id) }
        let doomed = self.domains.filter { removed.contains($0.ownerClientID) }.map(\.id)
        for domainID in doomed where self.domainIndex(id: domainID) != nil {
            try self.removeDomain(id: domainID)
        }
        self.removeServicePlans(ownedBy: removed)
    }

    public mutating func setStatus(_ status: SimulatedClient.Status, forClient id: Int) throws(SimulatorError) {
        let index = try self.requireClientIndex(id)
        self.clients[index].status = status
    }

    /// Edits a client in place (its id cannot change). A changed login is carried over to the
    /// `owner_login` of the accounts it owns.
    public mutating func updateClient(id: Int, _ body: (inout SimulatedClient) throws -> Void) throws {
        let index = try self.requireClientIndex(id)
        var client = self.clients[index]
        let oldLogin = client.login
        try body(&client)
        client.id = id
        if client.login != oldLogin {
            if let other = self.client(login: client.login), other.id != id {
                throw SimulatorError(.duplicateLogin, "a client with login \(client.login) already exists")
            }
            for other in self.clients.indices where self.clients[other].ownerLogin == oldLogin {
                self.clients[other].ownerLogin = client.login
            }
        }
        self.clients[index] = client
    }

    // MARK: Helpers

    mutating func makeAlias(_ name: String) -> SimulatedDomainAlias {
        defer { self.nextAliasID += 1 }
        return SimulatedDomainAlias(id: self.nextAliasID, name: name)
    }

    func requireDomainIndex(_ id: Int) throws(SimulatorError) -> Int {
        guard let index = self.domainIndex(id: id) else {
            throw SimulatorError(.unknownDomain, "no domain with id \(id)")
        }
        return index
    }

    func requireClientIndex(_ id: Int) throws(SimulatorError) -> Int {
        guard let index = self.clientIndex(id: id) else {
            throw SimulatorError(.unknownClient, "no client with id \(id)")
        }
        return index
    }
}
