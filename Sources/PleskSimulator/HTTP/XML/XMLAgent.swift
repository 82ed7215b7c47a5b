/// Answers a validated request from one snapshot of the inventory: what `agent.php` does after the checkups.
struct XMLAgent {
    let inventory: PleskInventory
    let index: XMLIndex
    let generation: Int
    let state: SimulatorState
    let filterIDForEmptyFilter: Bool

    /// What a fault changes in the answer of one operator (or, keyed by ``SimulatedPlesk/Endpoint/xmlAPI``, of all).
    struct Alteration {
        /// Every `<get>` comes back empty.
        var emptyList = false
        /// This element is left out wherever it occurs.
        var omitting: String?
        /// The result at this position of the first `<get>` becomes an error result.
        var errorResult: (code: Int, text: String, position: Int)?
        /// Each `<get>` holds the names (or logins) as `<name>` elements instead of results.
        var namesOnly = false
    }

    /// One result of a `webspace`, `customer` or `reseller` get before it is written.
    enum Item {
        /// `position` indexes `subscriptions` (webspace) or `clients`.
        case ok(filterID: String?, id: Int, position: Int)
        /// An error result: `filterID` or `id` binds it to the filter value.
        case error(code: Int, text: String, filterID: String?, id: String?)
    }

    static let notFound = "Object not found."
    static let clientNotFound = "Client does not exist"

    /// The answer packet, operators and `<get>` blocks in request order.
    func packet(
        _ request: XMLRequest, version: String, withEncoding: Bool, pretty: Bool,
        alterations: [SimulatedPlesk.Endpoint: Alteration] = [:], root: String = "packet"
    ) -> [UInt8] {
        var writer = XMLWriter(pretty: pretty, capacity: 4096)
        writer.declaration(withEncoding: withEncoding)
        writer.open(root, attribute: ("version", version))
        for operation in request.operators {
            let alteration = alterations[operation.endpoint] ?? alterations[.xmlAPI] ?? Alteration()
            writer.omitting = alteration.omitting
            let name = operation.endpoint.xmlOperator ?? "packet"
            writer.open(name)
            for (number, get) in operation.gets.enumerated() {
                var alteration = alteration
                if number > 0 { alteration.errorResult = nil }
                self.write(get, of: operation.endpoint, alteration: alteration, into: &writer)
            }
            writer.close(name)
            writer.omitting = nil
        }
        writer.close(root)
        return writer.bytes
    }

    // MARK: Operations

    private func write(
        _ get: XMLRequest.Get, of endpoint: SimulatedPlesk.Endpoint, alteration: Alteration,
        into writer: inout XMLWriter
    ) {
        if alteration.emptyList { return writer.empty("get") }
        if alteration.namesOnly { return self.writeNames(of: get, into: &writer) }
        switch get {
        case .webspace(let filter, let datasets):
            if filter.key == nil, alteration.omitting == nil, alteration.errorResult == nil {
                // The whole list, shared between answers while the inventory does not change.
                let pretty = writer.pretty
                let key = SimulatorState.WebspaceFragmentKey(
                    datasets: datasets, pretty: pretty, filterID: self.filterIDForEmptyFilter)
                let depth = writer.depth + 1
                let fragment = self.state.webspaceFragment(key, generation: self.generation) {
                    var inner = XMLWriter(
                        pretty: pretty, depth: depth, capacity: self.inventory.subscriptions.count * 900 + 64)
                    self.writeWebspaceResults(
                        self.webspaceItems(filter), datasets: datasets, alteration: alteration, into: &inner)
                    return inner.bytes
                }
                if fragment.isEmpty { return writer.empty("get") }
                writer.open("get")
                writer.append(fragment: fragment)
                writer.close("get")
                return
            }
            let items = self.webspaceItems(filter)
            guard !items.isEmpty else { return writer.empty("get") }
            writer.open("get")
            self.writeWebspaceResults(items, datasets: datasets, alteration: alteration, into: &writer)
            writer.close("get")

        case .plans(let filter, let owner):
            self.writePlans(
                filter, owner: owner, kind: endpoint == .xmlServicePlanAddon ? .addon : .service,
                alteration: alteration,
                into: &writer)

        case .customer(let filter, let datasets):
            let items = self.clientItems(filter, customers: true)
            self.writeClientResults(items, alteration: alteration, into: &writer) { client, writer in
                PleskXML.writeCustomerData(
                    client, datasets: datasets, in: self.inventory, index: self.index, into: &writer)
            }

        case .reseller(let filter, let datasets):
            let items = self.clientItems(filter, customers: false)
            self.writeClientResults(items, alteration: alteration, into: &writer) { client, writer in
                PleskXML.writeResellerData(
                    client, datasets: datasets, in: self.inventory, index: self.index, into: &writer)
            }

        case .server(let genInfo, let stat):
            writer.open("get")
            writer.open("result")
            writer.leaf("status", "ok")
            PleskXML.writeServer(genInfo: genInfo, stat: stat, in: self.inventory, into: &writer)
            writer.close("result")
            writer.close("get")
        }
    }
}
