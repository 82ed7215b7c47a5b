extension XMLAgent {
    // MARK: webspace

    /// The results a webspace filter selects: all subscriptions for an empty filter; for each value of a key the
    /// matching subscriptions, or an error result 1013 (bound by `<id>` for an id, `<filter-id>` otherwise).
    func webspaceItems(_ filter: XMLRequest.Filter) -> [Item] {
        let subscriptions = self.inventory.subscriptions
        guard let key = filter.key else {
            return subscriptions.indices.map { position in
                let id = subscriptions[position].id
                return .ok(filterID: self.filterIDForEmptyFilter ? String(id) : nil, id: id, position: position)
            }
        }
        var items: [Item] = []
        for value in filter.values {
            var positions: [Int] = []
            var missing = false
            switch key {
            case "id":
                positions = Int(value).flatMap { PleskInventory.binarySearch(subscriptions, id: $0) }.map { [$0] } ?? []
                if positions.isEmpty {
                    items.append(.error(code: 1013, text: Self.notFound, filterID: nil, id: value))
                    continue
                }
            case "name":
                positions =
                    self.inventory.subscription(named: value)
                    .flatMap { PleskInventory.binarySearch(subscriptions, id: $0.id) }.map { [$0] } ?? []
            case "guid":
                positions = self.index.subscriptionByGUID[value.lowercased()].map { [$0] } ?? []
            case "external-id":
                positions = subscriptions.indices.filter { subscriptions[$0].externalID == value && !value.isEmpty }
            default:  // owner-id, owner-login, owner-guid, owner-external-id
                let owners = self.owners(key: String(key.dropFirst("owner-".count)), value: value)
                missing = owners.isEmpty
                positions = owners.flatMap { self.index.subscriptionsByOwner[$0] ?? [] }.sorted()
            }
            if positions.isEmpty, missing || !key.hasPrefix("owner-") {
                items.append(.error(code: 1013, text: Self.notFound, filterID: value, id: nil))
            }
            for position in positions {
                items.append(.ok(filterID: value, id: subscriptions[position].id, position: position))
            }
        }
        return items
    }

    func writeWebspaceResults(
        _ items: [Item], datasets: XMLRequest.WebspaceDatasets, alteration: Alteration, into writer: inout XMLWriter
    ) {
        for (number, item) in items.enumerated() {
            switch self.altered(item, number: number, count: items.count, alteration: alteration) {
            case .ok(let filterID, let id, let position):
                writer.open("result")
                writer.leaf("status", "ok")
                if let filterID { writer.leaf("filter-id", filterID) }
                writer.leaf("id", id)
                PleskXML.writeWebspaceData(
                    self.inventory.subscriptions[position],
                    domain: self.inventory.domains[self.index.mainDomain[position]],
                    datasets: datasets, in: self.inventory, index: self.index, into: &writer)
                writer.close("result")
            case .error(let code, let text, let filterID, let id):
                self.writeError(code: code, text: text, filterID: filterID, id: id, into: &writer)
            }
        }
    }

    // MARK: customer, reseller

    /// Clients of one type a customer or reseller filter selects (`<all/>` and an empty filter select all of them).
    func clientItems(_ filter: XMLRequest.Filter, customers: Bool) -> [Item] {
        let clients = self.inventory.clients
        let type: SimulatedClient.AccountType = customers ? .customer : .reseller
        guard let key = filter.key, key != "all" else {
            return clients.indices.compactMap { position in
                guard clients[position].type == type else { return nil }
                let id = clients[position].id
                return .ok(filterID: self.filterIDForEmptyFilter ? String(id) : nil, id: id, position: position)
            }
        }
        var items: [Item] = []
        for value in filter.values {
            let positions: [Int]
            switch key {
            case "owner-id", "owner-login":
                let owner =
                    key == "owner-id"
                    ? Int(value).flatMap { self.inventory.clientIndex(id: $0) } : self.index.clientByLogin[value]
                let login = owner.map { clients[$0].login }
                positions = login.map { login in clients.indices.filter { clients[$0].ownerLogin == login } } ?? []
                if owner == nil {
                    items.append(.error(code: 1013, text: Self.clientNotFound, filterID: value, id: nil))
                }
            default:
                positions = self.positions(ofClientsWith: key, value: value)
                if positions.first(where: { clients[$0].type == type }) == nil {
                    items.append(
                        key == "id"
                            ? .error(code: 1013, text: Self.clientNotFound, filterID: nil, id: value)
                            : .error(code: 1013, text: Self.clientNotFound, filterID: value, id: nil))
                }
            }
            for position in positions where clients[position].type == type {
                items.append(.ok(filterID: value, id: clients[position].id, position: position))
            }
        }
        return items
    }

    func writeClientResults(
        _ items: [Item], alteration: Alteration, into writer: inout XMLWriter,
        data: (SimulatedClient, inout XMLWriter) -> Void
    ) {
        guard !items.isEmpty else { return writer.empty("get") }
        writer.open("get")
        for (number, item) in items.enumerated() {
            switch self.altered(item, number: number, count: items.count, alteration: alteration) {
            case .ok(let filterID, let id, let position):
                writer.open("result")
                writer.leaf("status", "ok")
                if let filterID { writer.leaf("filter-id", filterID) }
                writer.leaf("id", id)
                data(self.inventory.clients[position], &writer)
                writer.close("result")
            case .error(let code, let text, let filterID, let id):
                self.writeError(code: code, text: text, filterID: filterID, id: id, into: &writer)
            }
        }
        writer.close("get")
    }

    // MARK: service-plan, service-plan-addon

    /// Plans of one kind in the owner's list (the requester is the admin; `owner-all` lists every owner's), filtered.
    /// Results carry no `filter-id`; an unmatched value is an error result naming it.
    func writePlans(
        _ filter: XMLRequest.Filter, owner: XMLRequest.PlanOwner, kind: SimulatedServicePlan.Kind,
        alteration: Alteration,
        into writer: inout XMLWriter
    ) {
        let ownerID: Int?? =
            switch owner {
            case .requester: .some(SimulatedClient.adminID)
            case .id(let id): .some(id)
            case .login(let login): .some(self.index.clientByLogin[login].map { self.inventory.clients[$0].id })
            case .all: .none
            }
        let listed = self.inventory.servicePlans.filter { plan in
            plan.kind == kind && (ownerID.map { $0 == plan.ownerClientID } ?? true)
        }
        enum PlanResult {
            case plan(SimulatedServicePlan)
            case missing(key: String, value: String)
        }
        var results: [PlanResult] = []
        if let key = filter.key {
            for value in filter.values {
                let matches = listed.filter { plan in
                    switch key {
                    case "id": String(plan.id) == value
                    case "name": plan.name == value
                    case "guid": plan.guid.lowercased() == value.lowercased()
                    default: !value.isEmpty && plan.externalID == value
                    }
                }
                results += matches.isEmpty ? [.missing(key: key, value: value)] : matches.map { .plan($0) }
            }
        } else {
            results = listed.map { .plan($0) }
        }
        guard !results.isEmpty else { return writer.empty("get") }
        writer.open("get")
        for (number, result) in results.enumerated() {
            writer.open("result")
            switch result {
            case .plan(let plan):
                if let fault = alteration.errorResult, number == min(fault.position, results.count - 1) {
                    writer.leaf("status", "error")
                    writer.leaf("errcode", fault.code)
                    writer.leaf("errtext", fault.text)
                    writer.leaf("id", plan.id)
                } else {
                    writer.leaf("status", "ok")
                    PleskXML.writePlan(plan, in: self.inventory, into: &writer)
                }
            case .missing(let key, let value):
                writer.leaf("status", "error")
                writer.leaf("errcode", 1013)
                writer.leaf("errtext", Self.notFound)
                writer.leaf(key, value)
            }
            writer.close("result")
        }
        writer.close("get")
    }

    // MARK: Helpers

    /// The `wrongShape(.arrayOfStrings)` answer: names (or logins) where results belong.
    func writeNames(of get: XMLRequest.Get, into writer: inout XMLWriter) {
        let names: [String] =
            switch get {
            case .webspace: self.index.mainDomain.prefix(1000).map { self.inventory.domains[$0].name }
            case .plans: self.inventory.servicePlans.prefix(1000).map(\.name)
            case .customer, .reseller: self.inventory.clients.prefix(1000).map(\.login)
            case .server: [self.inventory.server.hostname]
            }
        writer.open("get")
        for name in names { writer.leaf("name", name) }
        writer.close("get")
    }

    /// The item as a fault leaves it: the one at the fault's position (the last when the list is shorter) errs.
    private func altered(_ item: Item, number: Int, count: Int, alteration: Alteration) -> Item {
        guard let fault = alteration.errorResult, number == min(fault.position, count - 1),
            case .ok(let filterID, let id, _) = item
        else { return item }
        return .error(code: fault.code, text: fault.text, filterID: filterID, id: String(id))
    }

    private func writeError(code: Int, text: String, filterID: String?, id: String?, into writer: inout XMLWriter) {
        writer.open("result")
        writer.leaf("status", "error")
        writer.leaf("errcode", code)
        writer.leaf("errtext", text)
        if let filterID { writer.leaf("filter-id", filterID) }
        if let id { writer.leaf("id", id) }
        writer.close("result")
    }

    /// Client ids matching an owner key without its `owner-` prefix (`id`, `login`, `guid`, `external-id`).
    private func owners(key: String, value: String) -> [Int] {
        self.positions(ofClientsWith: key, value: value).map { self.inventory.clients[$0].id }
    }

    private func positions(ofClientsWith key: String, value: String) -> [Int] {
        let clients = self.inventory.clients
        switch key {
        case "id": return Int(value).flatMap { self.inventory.clientIndex(id: $0) }.map { [$0] } ?? []
        case "login": return self.index.clientByLogin[value].map { [$0] } ?? []
        case "guid": return clients.indices.filter { clients[$0].guid.lowercased() == value.lowercased() }
        default: return value.isEmpty ? [] : clients.indices.filter { clients[$0].externalID == value }
        }
    }
}
