import NIOCore
import Synchronization

/// The mutable heart of a simulator: inventory, credentials, faults, the request log and the run state,
/// behind one lock. Encoded bodies and indexes are derived lazily per inventory generation, so a large
/// unchanged inventory is encoded once however often it is fetched.
final class SimulatorState: Sendable {
    enum RunState {
        case idle
        case starting
        case running(port: Int)
        case failed(any Error)
    }

    struct ActiveFault {
        var fault: SimulatedPlesk.Fault
        var remaining: Int?
    }

    /// Derived data, valid for one generation of the inventory.
    struct Derived {
        var domainsBody: ByteBuffer?
        var clientsBody: ByteBuffer?
        /// Client id → indices into `inventory.domains`.
        var ownerIndex: [Int: [Int]]?
        /// Lower-cased `name` and `ascii_name` → index into `inventory.domains`.
        var nameIndex: [String: Int]?
        var xmlIndex: XMLIndex?
        /// The last `webspace get` results for an empty filter (the bytes between `<get>` and `</get>`).
        var webspaceFragment: (key: WebspaceFragmentKey, bytes: [UInt8])?
    }

    /// What an empty-filter `webspace get` answer depends on besides the inventory.
    struct WebspaceFragmentKey: Hashable {
        var datasets: XMLRequest.WebspaceDatasets
        var pretty: Bool
        var filterID: Bool
    }

    struct Storage {
        var inventory: PleskInventory
        var generation = 0
        var includeAliases: Bool
        var derived = Derived()
        var xmlOutput: SimulatedPlesk.XMLOutput
        var xmlFilterIDForEmptyFilter: Bool
        /// XML answers given so far (drives the alternating output).
        var xmlAnswers = 0

        var users: [String: String]
        /// Key → the instant from which it is accepted.
        var keys: [String: ContinuousClock.Instant]
        var keyActivationDelay: Duration
        var issuedKeys: [SimulatedPlesk.IssuedAPIKey] = []

        var faults: [SimulatedPlesk.Endpoint: ActiveFault] = [:]

        var log: [SimulatedPlesk.RequestRecord] = []
        var logLimit: Int
        var sequence = 0
        var counts: [SimulatedPlesk.Endpoint: Int] = [:]

        var waiters: [ObjectIdentifier: ReleaseSignal] = [:]
        var stopping = false
        var run = RunState.idle
        var boundPort = 0
        var listener: (any Channel)?
        var portWaiters: [CheckedContinuation<Int, any Error>] = []
    }

    let storage: Mutex<Storage>

    init(inventory: PleskInventory, configuration: SimulatedPlesk.Configuration) {
        let now = ContinuousClock.now
        self.storage = Mutex(
            Storage(
                inventory: inventory,
                includeAliases: configuration.includeAliases,
                xmlOutput: configuration.xmlOutput,
                xmlFilterIDForEmptyFilter: configuration.xmlFilterIDForEmptyFilter,
                users: configuration.users,
                keys: Dictionary(uniqueKeysWithValues: configuration.apiKeys.map { ($0, now) }),
                keyActivationDelay: configuration.keyActivationDelay,
                logLimit: max(configuration.requestLogLimit, 1)
            )
        )
    }

    // MARK: Inventory

    var inventory: PleskInventory {
        self.storage.withLock { $0.inventory }
    }

    var includeAliases: Bool {
        get { self.storage.withLock { $0.includeAliases } }
        set {
            self.storage.withLock {
                $0.includeAliases = newValue
                $0.invalidate()
            }
        }
    }

    func update<T: Sendable, E: Error>(_ body: (inout PleskInventory) throws(E) -> T) throws(E) -> T {
        try self.storage.withLock { (storage: inout sending Storage) throws(E) -> sending T in
            defer { storage.invalidate() }
            return try body(&storage.inventory)
        }
    }

    /// The encoded `/domains` body for the current inventory.
    func domainsBody() -> ByteBuffer {
        let (cached, inventory, includeAliases, generation) = self.storage.withLock {
            ($0.derived.domainsBody, $0.inventory, $0.includeAliases, $0.generation)
        }
        if let cached { return cached }
        let body = PleskJSON.domains(
            inventory.domains, includeAliases: includeAliases, capacityHint: 64 + inventory.domains.count * 280)
        self.storage.withLock { if $0.generation == generation { $0.derived.domainsBody = body } }
        return body
    }

    /// The encoded `/clients` body for the current inventory.
    func clientsBody() -> ByteBuffer {
        let (cached, inventory, generation) = self.storage.withLock {
            ($0.derived.clientsBody, $0.inventory, $0.generation)
        }
        if let cached { return cached }
        let body = PleskJSON.clients(inventory.clients, capacityHint: 64 + inventory.clients.count * 300)
        self.storage.withLock { if $0.generation == generation { $0.derived.clientsBody = body } }
        return body
    }

    /// The current inventory with its owner index.
    func inventoryWithOwnerIndex() -> (PleskInventory, [Int: [Int]], includeAliases: Bool) {
        let (cached, inventory, includeAliases, generation) = self.storage.withLock {
            ($0.derived.ownerIndex, $0.inventory, $0.includeAliases, $0.generation)
        }
        if let cached { return (inventory, cached, includeAliases) }
        var index: [Int: [Int]] = [:]
        for (position, domain) in inventory.domains.enumerated() {
            index[domain.ownerClientID, default: []].append(position)
        }
        self.storage.withLock { if $0.generation == generation { $0.derived.ownerIndex = index } }
        return (inventory, index, includeAliases)
    }

    /// The current inventory with its name index.
    func inventoryWithNameIndex() -> (PleskInventory, [String: Int], includeAliases: Bool) {
        let (cached, inventory, includeAliases, generation) = self.storage.withLock {
            ($0.derived.nameIndex, $0.inventory, $0.includeAliases, $0.generation)
        }
        if let cached { return (inventory, cached, includeAliases) }
        var index: [String: Int] = [:]
        index.reserveCapacity(inventory.domains.count * 2)
        for (position, domain) in inventory.domains.enumerated() {
            index[domain.name.lowercased()] = position
            index[domain.asciiName.lowercased()] = position
        }
        self.storage.withLock { if $0.generation == generation { $0.derived.nameIndex = index } }
        return (inventory, index, includeAliases)
    }

    // MARK: Credentials

    enum KeyCheck {
        case valid
        case unknown
        case notYetActive
    }

    func checkKey(_ key: String) -> KeyCheck {
        self.storage.withLock { storage in
            guard let activeFrom = storage.keys[key] else { return .unknown }
            return ContinuousClock.now >= activeFrom ? .valid : .notYetActive
        }
    }

    func checkPassword(user: String, password: String) -> Bool {
        self.storage.withLock { $0.users[user] == password }
    }

    func mintKey(createdBy user: String, ip: String?, ips: [String]?, login: String?, description: String?, key: String) {
        self.storage.withLock { storage in
            storage.keys[key] = ContinuousClock.now.advanced(by: storage.keyActivationDelay)
            storage.issuedKeys.append(
                SimulatedPlesk.IssuedAPIKey(key: key, createdBy: user, ip: ip, ips: ips, login: login, description: description))
        }
    }

    // MARK: Faults and log

    /// Logs the request, counts it, and takes the fault to apply (consuming one use of a counted fault).
    func admit(
        endpoint: SimulatedPlesk.Endpoint?,
        method: String,
        uri: String,
        auth: SimulatedPlesk.AuthMethod,
        authenticated: Bool,
        headers: [String: String]
    ) -> SimulatedPlesk.Fault? {
        self.admit(
            endpoints: endpoint.map { [$0] } ?? [], method: method, uri: uri, auth: auth, authenticated: authenticated,
            headers: headers, body: nil)?.fault
    }

    /// Logs the request and counts it once for each endpoint; takes the first of their faults (consuming one use
    /// of it) with the endpoint it was set on. The log names the faulted endpoint, else the most specific one (an XML
    /// packet's first operator).
    func admit(
        endpoints: [SimulatedPlesk.Endpoint],
        method: String,
        uri: String,
        auth: SimulatedPlesk.AuthMethod,
        authenticated: Bool,
        headers: [String: String],
        body: String?
    ) -> (fault: SimulatedPlesk.Fault, endpoint: SimulatedPlesk.Endpoint)? {
        self.storage.withLock { storage in
            var fault: SimulatedPlesk.Fault?
            var faulted: SimulatedPlesk.Endpoint?
            var counted: Set<SimulatedPlesk.Endpoint> = []
            for endpoint in endpoints where counted.insert(endpoint).inserted {
                storage.counts[endpoint, default: 0] += 1
                if fault == nil, var active = storage.faults[endpoint] {
                    fault = active.fault
                    faulted = endpoint
                    if let remaining = active.remaining {
                        active.remaining = remaining - 1
                        storage.faults[endpoint] = remaining > 1 ? active : nil
                    }
                }
            }
            storage.sequence += 1
            storage.log.append(
                SimulatedPlesk.RequestRecord(
                    sequence: storage.sequence,
                    endpoint: faulted ?? endpoints.dropFirst().first ?? endpoints.first,
                    method: method,
                    uri: uri,
                    auth: auth,
                    authenticated: authenticated,
                    fault: fault,
                    headers: headers,
                    body: body
                )
            )
            if storage.log.count > storage.logLimit {
                storage.log.removeFirst(max(storage.log.count - storage.logLimit, storage.logLimit / 10))
            }
            guard let fault, let faulted else { return nil }
            return (fault, faulted)
        }
    }

    // MARK: Hangs and run state

    /// Registers a waiter released when the server stops; nil when it is already stopping.
    func register(_ signal: ReleaseSignal) -> Bool {
        self.storage.withLock { storage in
            if storage.stopping { return false }
            storage.waiters[ObjectIdentifier(signal)] = signal
            return true
        }
    }

    func unregister(_ signal: ReleaseSignal) {
        _ = self.storage.withLock { $0.waiters.removeValue(forKey: ObjectIdentifier(signal)) }
    }

    /// Releases every hanging request and refuses new hangs until the next start.
    func beginStopping() {
        let waiters = self.storage.withLock { storage -> [ReleaseSignal] in
            storage.stopping = true
            defer { storage.waiters = [:] }
            return Array(storage.waiters.values)
        }
        for waiter in waiters { waiter.release(.stopping) }
    }

    /// The port the next run binds: the configured one, else the one bound before, else any.
    func portForNextRun(configured: Int) -> Int {
        self.storage.withLock { storage in
            storage.stopping = false
            storage.run = .starting
            return configured != 0 ? configured : storage.boundPort
        }
    }

    func didStart(port: Int, listener: any Channel) {
        let waiters = self.storage.withLock { storage -> [CheckedContinuation<Int, any Error>] in
            storage.listener = listener
            storage.stopping = false
            storage.run = .running(port: port)
            storage.boundPort = port
            defer { storage.portWaiters = [] }
            return storage.portWaiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func didStop() {
        self.storage.withLock { storage in
            if case .running = storage.run { storage.run = .idle }
            storage.listener = nil
        }
        self.beginStopping()
    }

    /// Releases hanging requests and closes the listening socket, as Hummingbird's graceful shutdown does,
    /// so that cancelling the server afterwards only has connections left to end.
    func stopListening() async {
        self.beginStopping()
        let listener = self.storage.withLock { $0.listener }
        try? await listener?.close()
    }

    /// A run ended; a run that never got its listener up fails the callers waiting for the port.
    func didFinish(error: (any Error)?) {
        let waiters = self.storage.withLock { storage -> [CheckedContinuation<Int, any Error>] in
            switch storage.run {
            case .starting:
                storage.run = .failed(error ?? SimulatorError(.notRunning, "the server stopped before it listened"))
            case .running:
                storage.run = .idle
            case .idle, .failed:
                break
            }
            defer { storage.portWaiters = [] }
            return storage.portWaiters
        }
        let failure = error ?? SimulatorError(.notRunning, "the server stopped before it listened")
        for waiter in waiters { waiter.resume(throwing: failure) }
        self.beginStopping()
    }

    var boundPort: Int {
        self.storage.withLock { $0.boundPort }
    }

    func waitUntilRunning() async throws -> Int {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            let outcome = self.storage.withLock { storage -> Result<Int, any Error>? in
                switch storage.run {
                case .running(let port): return .success(port)
                case .failed(let error): return .failure(error)
                case .idle, .starting:
                    storage.portWaiters.append(continuation)
                    return nil
                }
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}

extension SimulatorState.Storage {
    mutating func invalidate() {
        self.generation += 1
        self.derived = SimulatorState.Derived()
    }
}
