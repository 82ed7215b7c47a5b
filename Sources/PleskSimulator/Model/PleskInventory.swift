/// Everything a simulated Plesk serves: server meta, domains and clients (the admin always among them), and for the
/// XML API subscriptions and service plans.
///
/// A value type: build one (``generate(domains:clients:seed:)``, ``demo()``, or by hand), hand it to
/// ``SimulatedPlesk``, and mutate the running server's copy through ``SimulatedPlesk/update(_:)`` or the
/// forwarding methods there. Ids only grow; GUIDs come from a seeded generator, so the same calls on the
/// same seed give the same inventory.
public struct PleskInventory: Sendable {
    public var server: SimulatedServerMeta
    /// Sorted by id (ids are handed out in increasing order and never reused).
    public internal(set) var domains: [SimulatedDomain]
    /// Sorted by id; the admin (id 1) is first.
    public internal(set) var clients: [SimulatedClient]
    /// Sorted by id: exactly one per domain with `base_domain_id` 0, with that domain's id (every mutation keeps
    /// this true).
    public internal(set) var subscriptions: [SimulatedSubscription]
    /// Service and add-on plans, sorted by id.
    public internal(set) var servicePlans: [SimulatedServicePlan]
    public internal(set) var nextDomainID: Int
    public internal(set) var nextClientID: Int
    public internal(set) var nextAliasID: Int
    public internal(set) var nextServicePlanID: Int
    /// `created` given to objects added without an explicit date (`YYYY-MM-DD`); defaults to today (UTC).
    public var today: String
    var random: SeededGenerator

    /// An inventory holding only the admin account.
    public init(server: SimulatedServerMeta = SimulatedServerMeta(), seed: UInt64 = 0) {
        var random = SeededGenerator(seed: seed)
        let admin = SimulatedClient(
            id: SimulatedClient.adminID,
            guid: random.uuidString(),
            login: "admin",
            name: "Administrator",
            company: "",
            email: "admin@plesk.simulator.test",
            locale: "en-US",
            status: .active,
            type: .admin,
            ownerLogin: nil,
            externalID: nil,
            description: "",
            created: "2015-03-01"
        )
        self.server = server
        self.domains = []
        self.clients = [admin]
        self.subscriptions = []
        self.servicePlans = []
        self.nextServicePlanID = 1
        self.nextDomainID = 1
        self.nextClientID = SimulatedClient.adminID + 1
        self.nextAliasID = 1
        self.today = CivilDate.string(daysSinceEpoch: CivilDate.today())
        self.random = random
    }

    // MARK: Lookups

    public func domain(id: Int) -> SimulatedDomain? {
        self.domainIndex(id: id).map { self.domains[$0] }
    }

    /// The domain whose `name` or `ascii_name` equals `name` (case-insensitive).
    public func domain(named name: String) -> SimulatedDomain? {
        let wanted = name.lowercased()
        let count = wanted.utf8.count
        // Each rename looks a name up among every domain: an ASCII name keeps its length when lowercased, so one of
        // another length is skipped without lowercasing it.
        func matches(_ candidate: String) -> Bool {
            if candidate.utf8.count != count, candidate.utf8.allSatisfy({ $0 < 0x80 }) { return false }
            return candidate.lowercased() == wanted
        }
        return self.domains.first { matches($0.name) || matches($0.asciiName) }
    }

    public func client(id: Int) -> SimulatedClient? {
        self.clientIndex(id: id).map { self.clients[$0] }
    }

    public func client(login: String) -> SimulatedClient? {
        self.clients.first { $0.login == login }
    }

    public func domains(ownedBy clientID: Int) -> [SimulatedDomain] {
        self.domains.filter { $0.ownerClientID == clientID }
    }

    /// What `/clients/{id}/statistics` serves: the stored override, else figures derived from the client's domains.
    public func statistics(forClient id: Int) -> SimulatedClientStatistics? {
        guard let client = self.client(id: id) else { return nil }
        return client.statistics ?? Self.derivedStatistics(clientID: id, ownedDomains: self.domains(ownedBy: id))
    }

    static func derivedStatistics(clientID: Int, ownedDomains: some Collection<SimulatedDomain>) -> SimulatedClientStatistics {
        var active = 0
        var subdomains = 0
        for domain in ownedDomains {
            if domain.baseDomainID != 0 {
                subdomains += 1
            } else if domain.status == .active {
                active += 1
            }
        }
        let count = ownedDomains.count
        let traffic = count * 734_003_200 + (clientID % 97) * 1_048_576
        return SimulatedClientStatistics(
            activeDomains: active,
            subdomains: subdomains,
            diskSpace: count * 52_428_800 + (clientID % 89) * 4096,
            emailPostboxes: count * 2,
            emailRedirects: count / 2,
            emailResponseMessages: count / 4,
            mailingLists: 0,
            databases: count,
            traffic: traffic,
            trafficPrevday: traffic / 30
        )
    }

    func domainIndex(id: Int) -> Int? {
        Self.binarySearch(self.domains, id: id)
    }

    func clientIndex(id: Int) -> Int? {
        Self.binarySearch(self.clients, id: id)
    }

    static func binarySearch<Element: Identifiable>(_ elements: [Element], id: Int) -> Int? where Element.ID == Int {
        var low = 0
        var high = elements.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let candidate = elements[middle].id
            if candidate == id { return middle }
            if candidate < id { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}
