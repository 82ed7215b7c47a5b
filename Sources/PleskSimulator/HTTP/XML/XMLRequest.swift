/// A validated request packet: what to answer, operator by operator and `<get>` by `<get>`, in request order.
struct XMLRequest: Sendable {
    /// The `version` attribute as sent; nil when omitted.
    var version: String?
    var operators: [Operator]

    struct Operator: Sendable {
        /// ``SimulatedPlesk/Endpoint/xmlWebspace`` and the like.
        var endpoint: SimulatedPlesk.Endpoint
        var gets: [Get]
    }

    enum Get: Sendable {
        case webspace(Filter, WebspaceDatasets)
        /// `service-plan` or `service-plan-addon` (no dataset: every block comes back).
        case plans(Filter, PlanOwner)
        case customer(Filter, ClientDatasets)
        case reseller(Filter, ClientDatasets)
        case server(genInfo: Bool, stat: Bool)
    }

    /// One kind of key with its values; `key` nil for an empty filter (`all` for the reseller's `<all/>`).
    struct Filter: Sendable, Hashable {
        var key: String?
        var values: [String]

        static let empty = Filter(key: nil, values: [])
    }

    /// Whose plans `service-plan get` lists: the requester's (the admin's) by default.
    enum PlanOwner: Sendable, Hashable {
        case requester
        case id(Int)
        case login(String)
        case all
    }

    /// The `webspace` datasets the simulator serves; the schema's others are accepted and left out of `data`.
    struct WebspaceDatasets: OptionSet, Sendable, Hashable {
        var rawValue: Int
        static let genInfo = WebspaceDatasets(rawValue: 1)
        static let hosting = WebspaceDatasets(rawValue: 2)
        static let limits = WebspaceDatasets(rawValue: 4)
        static let stat = WebspaceDatasets(rawValue: 8)
        static let diskUsage = WebspaceDatasets(rawValue: 16)
        static let subscriptions = WebspaceDatasets(rawValue: 32)

        /// `domainDatasetType` (an `xs:all`, 1.6.9.1) with the served ones' flags.
        static let schema: [(name: String, served: WebspaceDatasets)] = [
            ("gen_info", .genInfo), ("hosting", .hosting), ("hosting-basic", []), ("limits", .limits), ("stat", .stat),
            ("prefs", []), ("disk_usage", .diskUsage), ("performance", []), ("subscriptions", .subscriptions),
            ("permissions", []), ("plan-items", []), ("php-settings", []), ("resource-usage", []), ("mail", []),
            ("aps-filter", []),
        ]
    }

    /// `gen_info`/`gen-info` and `stat` of `customer get` and `reseller get`.
    struct ClientDatasets: OptionSet, Sendable, Hashable {
        var rawValue: Int
        static let genInfo = ClientDatasets(rawValue: 1)
        static let stat = ClientDatasets(rawValue: 2)
    }

    /// Protocol versions Plesk has had (a shorter form such as `1.6` or `1.6.5` means the same with zeros).
    static let knownVersions: Set<String> = [
        "1.3.0.0", "1.3.1.0", "1.3.2.0", "1.3.3.0", "1.3.4.0", "1.3.5.0", "1.3.5.1", "1.4.0.0", "1.4.1.0", "1.4.1.1",
        "1.4.1.2", "1.4.2.0", "1.5.0.0", "1.5.1.0", "1.5.2.0", "1.5.2.1", "1.6.0.0", "1.6.0.1", "1.6.0.2", "1.6.1.0",
        "1.6.2.0", "1.6.3.0", "1.6.3.1", "1.6.3.2", "1.6.3.3", "1.6.3.4", "1.6.3.5", "1.6.4.0", "1.6.5.0", "1.6.6.0",
        "1.6.7.0", "1.6.7.1", "1.6.8.0", "1.6.9.0", "1.6.9.1",
    ]

    /// What the server answers with when the request names no version.
    static let currentVersion = "1.6.9.1"

    static func isKnownVersion(_ version: String) -> Bool {
        var parts = version.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (2...4).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil })
        else { return false }
        while parts.count < 4 { parts.append("0") }
        return Self.knownVersions.contains(parts.joined(separator: "."))
    }
}
