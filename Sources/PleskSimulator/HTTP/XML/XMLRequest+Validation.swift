extension XMLRequest {
    /// A schema violation, worded as libxml words them (Plesk validates requests against its XSD and answers 1014
    /// "Parser error: Request is invalid. Error in line N: …").
    struct Invalid: Error, Sendable {
        var line: Int
        var message: String

        var errorText: String { "Parser error: Request is invalid. Error in line \(self.line): \(self.message)" }
    }

    /// Validates a parsed packet in schema order: sequences must come in order, a filter holds one kind of key,
    /// integer keys must be integers, a dataset names each known dataset at most once.
    init(packet: PacketElement) throws(Invalid) {
        guard packet.name == "packet" else {
            throw Invalid(
                line: packet.line,
                message: "Element '\(packet.name)': No matching global declaration available for the validation root.")
        }
        for attribute in packet.attributes where attribute.name != "version" {
            throw Invalid(
                line: packet.line,
                message:
                    "Element 'packet', attribute '\(attribute.name)': The attribute '\(attribute.name)' is not allowed."
            )
        }
        try Self.requireElementOnly(packet)
        let operatorNames = SimulatedPlesk.Endpoint.xmlOperators.compactMap(\.xmlOperator)
        guard !packet.children.isEmpty else { throw Self.missingChild(packet, expected: operatorNames) }
        var operators: [Operator] = []
        for element in packet.children {
            guard let endpoint = SimulatedPlesk.Endpoint.xmlOperators.first(where: { $0.xmlOperator == element.name })
            else {
                throw Self.unexpected(element, expected: operatorNames)
            }
            try Self.requireElementOnly(element)
            guard !element.children.isEmpty else { throw Self.missingChild(element, expected: ["get"]) }
            var gets: [Get] = []
            for get in element.children {
                guard get.name == "get" else { throw Self.unexpected(get, expected: ["get"]) }
                try Self.requireElementOnly(get)
                gets.append(try Self.get(get, of: endpoint))
            }
            operators.append(Operator(endpoint: endpoint, gets: gets))
        }
        self.init(version: packet.attribute("version"), operators: operators)
    }

    // MARK: Operations

    private static func get(_ get: PacketElement, of endpoint: SimulatedPlesk.Endpoint) throws(Invalid) -> Get {
        switch endpoint {
        case .xmlWebspace:
            let (filterElement, datasetElement) = try self.filterThenDataset(get)
            let filter = try self.filter(
                filterElement,
                keys: [
                    "id", "owner-id", "name", "owner-login", "guid", "owner-guid", "external-id", "owner-external-id",
                ],
                integerKeys: ["id", "owner-id"])
            var datasets: WebspaceDatasets = []
            try self.datasets(datasetElement, names: WebspaceDatasets.schema.map(\.name)) { name in
                datasets.formUnion(WebspaceDatasets.schema.first { $0.name == name }?.served ?? [])
            }
            return .webspace(filter, datasets)

        case .xmlServicePlan, .xmlServicePlanAddon:
            guard let filterElement = get.children.first else { throw self.missingChild(get, expected: ["filter"]) }
            guard filterElement.name == "filter" else { throw self.unexpected(filterElement, expected: ["filter"]) }
            let filter = try self.filter(
                filterElement, keys: ["name", "id", "guid", "external-id"], integerKeys: ["id"])
            var owner = PlanOwner.requester
            let rest = get.children.dropFirst()
            if let element = rest.first {
                switch element.name {
                case "owner-id": owner = .id(try self.integer(element))
                case "owner-login": owner = .login(try self.leafText(element))
                case "owner-all":
                    try self.requireEmpty(element)
                    owner = .all
                default: throw self.unexpected(element, expected: ["owner-id", "owner-login", "owner-all"])
                }
            }
            if let extra = rest.dropFirst().first { throw self.unexpected(extra, expected: nil) }
            return .plans(filter, owner)

        case .xmlCustomer:
            let (filterElement, datasetElement) = try self.filterThenDataset(get)
            let filter = try self.filter(
                filterElement, keys: ["id", "login", "owner-id", "owner-login", "guid", "external-id"],
                integerKeys: ["id", "owner-id"])
            return .customer(filter, try self.clientDatasets(datasetElement, genInfo: "gen_info"))

        case .xmlReseller:
            let (filterElement, datasetElement) = try self.filterThenDataset(get)
            let keys = ["id", "login", "guid", "all", "external-id"]
            guard !filterElement.children.isEmpty else { throw self.missingChild(filterElement, expected: keys) }
            let filter = try self.filter(filterElement, keys: keys, integerKeys: ["id"])
            if filter.key == "all" {
                guard filter.values.count == 1 else { throw self.unexpected(filterElement.children[1], expected: nil) }
                try self.requireEmpty(filterElement.children[0])
            }
            return .reseller(filter, try self.clientDatasets(datasetElement, genInfo: "gen-info"))

        default:  // .xmlServer: an ordered sequence of optional requests; gen_info comes before stat.
            var genInfo = false
            var stat = false
            for element in get.children {
                switch element.name {
                case "gen_info" where !genInfo && !stat: genInfo = true
                case "stat" where !stat: stat = true
                default:
                    throw self.unexpected(element, expected: stat ? nil : genInfo ? ["stat"] : ["gen_info", "stat"])
                }
                try self.requireEmpty(element)
            }
            return .server(genInfo: genInfo, stat: stat)
        }
    }

    /// `get` as the sequence `filter`, `dataset`.
    private static func filterThenDataset(_ get: PacketElement) throws(Invalid) -> (PacketElement, PacketElement) {
        guard let filter = get.children.first else { throw self.missingChild(get, expected: ["filter"]) }
        guard filter.name == "filter" else { throw self.unexpected(filter, expected: ["filter"]) }
        guard get.children.count > 1 else { throw self.missingChild(get, expected: ["dataset"]) }
        let dataset = get.children[1]
        guard dataset.name == "dataset" else { throw self.unexpected(dataset, expected: ["dataset"]) }
        if get.children.count > 2 { throw self.unexpected(get.children[2], expected: nil) }
        return (filter, dataset)
    }

    /// A filter: empty, or values of one key from `keys` (the first key fixes the kind).
    private static func filter(_ element: PacketElement, keys: [String], integerKeys: Set<String>) throws(Invalid)
        -> Filter
    {
        try self.requireElementOnly(element)
        guard let first = element.children.first else { return .empty }
        guard keys.contains(first.name) else { throw self.unexpected(first, expected: keys) }
        var values: [String] = []
        for child in element.children {
            guard child.name == first.name else { throw self.unexpected(child, expected: [first.name]) }
            values.append(integerKeys.contains(child.name) ? String(try self.integer(child)) : try self.leafText(child))
        }
        return Filter(key: first.name, values: values)
    }

    /// An `xs:all` of empty elements: each known name at most once.
    private static func datasets(
        _ element: PacketElement, names: [String], _ add: (String) -> Void
    ) throws(Invalid) {
        try self.requireElementOnly(element)
        var seen: Set<String> = []
        for child in element.children {
            guard names.contains(child.name), seen.insert(child.name).inserted else {
                throw self.unexpected(child, expected: names.filter { !seen.contains($0) })
            }
            try self.requireEmpty(child)
            add(child.name)
        }
    }

    private static func clientDatasets(_ element: PacketElement, genInfo: String) throws(Invalid) -> ClientDatasets {
        var datasets: ClientDatasets = []
        try self.datasets(element, names: [genInfo, "stat"]) { name in
            datasets.insert(name == "stat" ? .stat : .genInfo)
        }
        return datasets
    }

    // MARK: Values

    private static func integer(_ element: PacketElement) throws(Invalid) -> Int {
        let text = try self.leafText(element)
        guard let value = Int(text), text.first != "+" else {
            throw Invalid(
                line: element.line,
                message: "Element '\(element.name)': '\(text)' is not a valid value of the atomic type 'int'.")
        }
        return value
    }

    private static func leafText(_ element: PacketElement) throws(Invalid) -> String {
        if let child = element.children.first {
            throw Invalid(
                line: child.line,
                message:
                    "Element '\(child.name)': This element is not expected. Element '\(element.name)' has a simple type."
            )
        }
        return element.trimmedText
    }

    // MARK: Errors

    private static func requireElementOnly(_ element: PacketElement) throws(Invalid) {
        guard !element.hasText else {
            throw Invalid(
                line: element.line,
                message:
                    "Element '\(element.name)': Character content other than whitespace is not allowed because the content type is 'element-only'."
            )
        }
    }

    private static func requireEmpty(_ element: PacketElement) throws(Invalid) {
        guard element.children.isEmpty, !element.hasText else {
            throw Invalid(
                line: element.line,
                message:
                    "Element '\(element.name)': Character content is not allowed, because the content type is empty.")
        }
    }

    private static func unexpected(_ element: PacketElement, expected: [String]?) -> Invalid {
        var message = "Element '\(element.name)': This element is not expected."
        if let expected, !expected.isEmpty {
            message +=
                expected.count == 1
                ? " Expected is ( \(expected[0]) )." : " Expected is one of ( \(expected.joined(separator: ", ")) )."
        }
        return Invalid(line: element.line, message: message)
    }

    private static func missingChild(_ element: PacketElement, expected: [String]) -> Invalid {
        let list = expected.count == 1 ? "( \(expected[0]) )" : "one of ( \(expected.joined(separator: ", ")) )"
        return Invalid(
            line: element.line, message: "Element '\(element.name)': Missing child element(s). Expected is \(list).")
    }
}
