import Foundation
import Logging
import PleskAPI
import InventoryModel

/// Polls one target: fetch, enrich, diff, commit. An actor, so polls of one target never overlap.
///
/// A poll is complete only when `/domains` and `/clients` were both fetched and decoded in full; anything else
/// writes one failed poll row and nothing more. A cancelled poll writes nothing.
public actor TargetPoller {
    public nonisolated let target: String
    let url: String
    let source: any PleskSource
    let store: any PollWriter & PollMemoryStore
    let settings: PollSettings
    let clock: any InventoryClock
    let logger: Logger
    let listener: (any PollListener)?
    /// Returns who acknowledges an event automatically (e.g. "auto:rule 1"), or nil.
    let autoAcknowledge: @Sendable (String, NewEvent) -> String?
    /// Returns the ids of the webhooks an event is queued for (decided after auto-acknowledgement).
    let webhooks: @Sendable (String, NewEvent) -> [String]

    var hasBaseline: Bool?
    var serverInfo: PleskServerInfo?
    /// Domain id → owner login, from the last full owner map plus per-domain lookups since.
    var owners: [Int: String] = [:]
    var ownersRefreshedAt: Date?
    /// The last committed poll's objects (nil until one commits here, and after a failed commit).
    var knownDomains: KnownObjects<ListedDomain>?
    var knownClients: KnownObjects<ListedClient>?
    /// Whether the memory kept in the database is read at the first poll and written with each commit.
    let remembersAcrossRestarts: Bool
    /// The database's fingerprint key, read at the first poll (nil until the target is registered).
    var fingerprintKey: FingerprintKey?

    public init(
        target: String, url: String, source: any PleskSource, store: any PollWriter & PollMemoryStore, settings: PollSettings,
        clock: any InventoryClock = SystemInventoryClock(), logger: Logger, listener: (any PollListener)? = nil,
        autoAcknowledge: @escaping @Sendable (String, NewEvent) -> String? = { _, _ in nil },
        webhooks: @escaping @Sendable (String, NewEvent) -> [String] = { _, _ in [] },
        remembersAcrossRestarts: Bool = true
    ) {
        self.remembersAcrossRestarts = remembersAcrossRestarts
        self.target = target
        self.url = url
        self.source = source
        self.store = store
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.listener = listener
        self.autoAcknowledge = autoAcknowledge
        self.webhooks = webhooks
    }

    public nonisolated var pollSettings: PollSettings { settings }

    /// Runs one poll and stores its outcome.
    /// - Throws: `CancellationError` when cancelled (nothing written), or a storage error.
    @discardableResult
    public func poll() async throws -> PollReport {
        let key = try await register()
        let startedAt = clock.now()
        let collected: Collected
        do {
            collected = try await collect(key: key)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try Task.checkCancellation()
            let apiError = error as? PleskAPIError ?? PleskAPIError(
                reason: .other, target: target, endpoint: .domains, detail: String(describing: error))
            let finishedAt = clock.now()
            let poll = try await store.recordFailure(
                target: target, startedAt: startedAt, finishedAt: finishedAt, reason: apiError.reason.rawValue,
                message: apiError.description)
            logger.warning("poll failed", metadata: ["target": "\(target)", "error": "\(apiError)"])
            let report = PollReport(
                target: target, startedAt: startedAt, finishedAt: finishedAt, poll: poll, error: apiError, events: [],
                serverInfo: serverInfo, enrichmentFailures: 0, clientStatistics: [:])
            await listener?.pollFinished(report)
            return report
        }

        try Task.checkCancellation()
        var report = try await commit(collected, startedAt: startedAt)
        report.clientStatistics = collected.statistics
        await listener?.pollFinished(report)
        return report
    }

    /// Registers the target and reads the fingerprint key and the kept memory, once; returns the key.
    private func register() async throws -> FingerprintKey {
        if let fingerprintKey { return fingerprintKey }
        try await store.registerTarget(name: target, url: url)
        let stored = try await store.fingerprintKey()
        let key = FingerprintKey(k0: stored.k0, k1: stored.k1)
        if remembersAcrossRestarts {
            // Written with the target's last commit, so it describes exactly the stored state.
            let memory = try await store.pollMemory(target: target)
            knownDomains = memory[.domain].flatMap { KnownObjects(decoding: $0, key: key) }
            knownClients = memory[.client].flatMap { KnownObjects(decoding: $0, key: key) }
        }
        fingerprintKey = key
        return key
    }

    /// What a poll gathered before diffing.
    struct Collected {
        var domains: PolledKind<ListedDomain>
        var clients: PolledKind<ListedClient>
        var counts: PollCounts
        var enrichmentFailures: Int
        var statistics: [String: PleskClientStatistics]
        var phases: PollPhases
    }

    /// Fetches the lists, enriches them and sorts their objects into unchanged ones and candidates. Only candidates
    /// are decoded and reduced to canonical JSON; the response bodies are released on return, before the diff and
    /// the commit run.
    private func collect(key: FingerprintKey) async throws -> Collected {
        let clock = ContinuousClock()
        var phases = PollPhases()
        var mark = clock.now
        func lap() -> Duration {
            defer { mark = clock.now }
            return clock.now - mark
        }
        // What the lists are scanned and sorted against, taken once: the memory only changes with a commit.
        let (rememberedDomains, rememberedClients) = (knownDomains, knownClients)
        let lists = try await fetchLists(
            domains: rememberedDomains?.fingerprints ?? KnownFingerprints(key: key, []),
            clients: rememberedClients?.fingerprints ?? KnownFingerprints(key: key, []))
        phases.fetch = lap()
        let domains = try facts(of: lists.domains, remembered: rememberedDomains, make: ListedDomain.init)
        let clients = try facts(of: lists.clients, remembered: rememberedClients, make: ListedClient.init)
        var failures = 0
        let owners =
            settings.collectOwners ? await resolveOwners(domains: domains, clients: clients, failures: &failures) : [:]
        let statuses = settings.collectDomainStatus ? await domainStatuses(domains, failures: &failures) : [:]
        let statistics = settings.collectClientStatistics ? await clientStatistics(clients, failures: &failures) : [:]
        phases.enrich = lap()

        var counts = PollCounts(domains: domains.count, clients: clients.count)
        for domain in domains {
            counts.domainsByHostingType[domain.hostingType, default: 0] += 1
            counts.aliases += domain.aliases
        }
        for client in clients { counts.clientsByTypeAndStatus[client.bucket, default: 0] += 1 }

        let target = self.target
        var polledDomains = try PolledKind(
            lists.domains, key: key, facts: domains, remembered: rememberedDomains,
            duplicate: { Self.duplicate(target: target, endpoint: .domains, id: $0, key: $1) },
            enrichment: { index in key.hash(owners[domains[index].id], statuses[domains[index].id]) },
            id: \.id,
            object: { InventoryObject(domain: $0, owner: owners[$0.id], status: statuses[$0.id]) })
        try await reenrich(&polledDomains, owners: owners, statuses: statuses, ids: domains)
        let polledClients = try PolledKind(
            lists.clients, key: key, facts: clients, remembered: rememberedClients,
            duplicate: { Self.duplicate(target: target, endpoint: .clients, id: $0, key: $1) },
            enrichment: { _ in 0 }, id: \.id, object: InventoryObject.init(client:))
        phases.reduce = lap()
        return Collected(
            domains: polledDomains, clients: polledClients, counts: counts, enrichmentFailures: failures,
            statistics: statistics, phases: phases)
    }

    /// Adds the remembered domains whose owner or status changed to the candidates: their fields are the stored
    /// ones (their bytes, and so every other field, are as committed) with the new enrichment values.
    private func reenrich(
        _ polled: inout PolledKind<ListedDomain>, owners: [Int: String], statuses: [Int: String], ids: [ListedDomain]
    ) async throws {
        guard !polled.reenrich.isEmpty else { return }
        let stored = try await store.currentFields(target: target, kind: .domain, keys: polled.reenrich.map(\.key))
        for (key, position) in polled.reenrich {
            guard let json = stored[key], var fields = JSONValue.parse(json)?.objectValue,
                case .string(let name)? = fields["name"]
            else {
                // The stored state is not what this poller committed: forget, so the next poll reads it in full.
                knownDomains = nil
                knownClients = nil
                throw UndecodedObject()
            }
            let id = ids[position].id
            fields[EnrichmentField.owner] = owners[id].map(JSONValue.string)
            fields[EnrichmentField.status] = statuses[id].map(JSONValue.string)
            polled.candidates.append(InventoryObject(kind: .domain, key: key, name: name, fields: fields))
        }
    }

    /// The facts of every listed object: remembered ones from memory, the others from their decoded element.
    private func facts<Element, Facts>(
        of list: ScannedList<Element>, remembered: KnownObjects<Facts>?, make: (Element) -> Facts
    ) throws -> [Facts] {
        try list.fingerprints.indices.map { index in
            if let remembered, let position = list.knownPosition(at: index) { return remembered.entries[position].facts }
            guard let element = list.element(at: index) else { throw UndecodedObject() }
            return make(element)
        }
    }

    private static func duplicate(target: String, endpoint: PleskEndpoint, id: Int, key: String) -> PleskAPIError {
        PleskAPIError(
            reason: .decode, target: target, endpoint: endpoint,
            detail: "the list names object id \(id) (guid \(key.hasPrefix("id:") ? "" : key)) twice")
    }

    private func fetchLists(domains knownDomains: KnownFingerprints, clients knownClients: KnownFingerprints)
        async throws -> (domains: ScannedList<PleskDomain>, clients: ScannedList<PleskClient>)
    {
        let source = self.source
        async let server = capture { try await source.server() }
        async let domains = source.scanDomains(known: knownDomains)
        async let clients = source.scanClients(known: knownClients)
        let lists = try await (domains, clients)
        switch await server {
        case .success(let info): serverInfo = info
        case .failure(let error):
            // Server meta only labels plesk_server_info; the last known value stays.
            logger.debug("server info unavailable", metadata: ["target": "\(target)", "error": "\(error)"])
        }
        return lists
    }

    private func commit(_ collected: Collected, startedAt: Date) async throws -> PollReport {
        var phases = collected.phases
        let diffStart = ContinuousClock.now
        let baseline = try await needsBaseline()
        let detector = ChangeDetector(removalGuard: settings.removalGuard)
        let heldBefore = try await store.heldRemovals(target: target)
        var complete = CompletePoll(
            target: target, startedAt: startedAt, finishedAt: startedAt, baseline: baseline, counts: collected.counts,
            serverJSON: serverInfo.flatMap(Self.serverJSON))
        let kinds: [(ObjectKind, candidates: [InventoryObject], unchanged: Int, vanished: [String]?)] = [
            (.domain, collected.domains.candidates, collected.domains.unchanged, collected.domains.vanished),
            (.client, collected.clients.candidates, collected.clients.unchanged, collected.clients.vanished),
        ]
        for (kind, candidates, unchanged, vanished) in kinds {
            let previous: [CurrentObjectState]
            if baseline {
                previous = []
            } else if let vanished {
                // Everything stored open is an unchanged object, a remembered one that did not come back unchanged,
                // or a held removal: only the last two need reading.
                let keys = Set(vanished).union(heldBefore.lazy.filter { $0.kind == kind }.map(\.key))
                previous = try await store.currentObjects(target: target, kind: kind, keys: Array(keys))
            } else {
                previous = try await store.currentObjects(target: target, kind: kind)
            }
            let plan = detector.plan(
                kind: kind, previous: previous, held: heldBefore, seen: candidates, unchanged: unchanged)
            let fields =
                plan.keysNeedingFields.isEmpty
                ? [:] : try await store.currentFields(target: target, kind: kind, keys: plan.keysNeedingFields)
            let outcome = detector.finish(plan, previousFields: fields, baseline: baseline)
            complete.added += outcome.added
            complete.modified += outcome.modified
            complete.removed += outcome.removedKeys.map { (kind: kind, key: $0) }
            complete.events += outcome.events
            complete.held += outcome.held
        }
        if remembersAcrossRestarts {
            if collected.domains.changesMemory { complete.memory[.domain] = collected.domains.known.encoded() }
            if collected.clients.changesMemory { complete.memory[.client] = collected.clients.known.encoded() }
        }
        for index in complete.events.indices {
            // A baseline is a record of what was there, not a change: it is never waiting for anyone.
            complete.events[index].acknowledgedBy =
                baseline ? Self.baselineAcknowledger : autoAcknowledge(target, complete.events[index])
            complete.events[index].webhooks = webhooks(target, complete.events[index])
        }
        try Task.checkCancellation()
        phases.diff = ContinuousClock.now - diffStart
        let commitStart = ContinuousClock.now
        complete.finishedAt = clock.now()
        let stored: (poll: PollRecord, events: [EventRecord])
        do {
            stored = try await store.commit(complete)
        } catch {
            // Whether anything was written is unknown: the next poll reads the stored state in full.
            knownDomains = nil
            knownClients = nil
            throw error
        }
        knownDomains = collected.domains.known
        knownClients = collected.clients.known
        phases.commit = ContinuousClock.now - commitStart
        try? await store.releaseMemory()
        hasBaseline = true
        let changes = stored.events.filter { !$0.baseline }.count
        logger.info(
            "poll complete",
            metadata: [
                "target": "\(target)", "domains": "\(collected.counts.domains)", "clients": "\(collected.counts.clients)",
                "changes": "\(changes)", "held": "\(complete.held.count)", "baseline": "\(baseline)",
                "phases": "\(phases.summary)",
            ])
        var report = PollReport(
            target: target, startedAt: startedAt, finishedAt: complete.finishedAt, poll: stored.poll, error: nil,
            events: stored.events, serverInfo: serverInfo, enrichmentFailures: collected.enrichmentFailures,
            clientStatistics: [:])
        report.phases = phases
        return report
    }

    /// `acknowledged_by` of baseline events.
    public static let baselineAcknowledger = "baseline"

    /// Kept with the target so `plesk_server_info` is known again right after a restart.
    private static func serverJSON(_ info: PleskServerInfo) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(info)).map { String(decoding: $0, as: UTF8.self) }
    }

    private func needsBaseline() async throws -> Bool {
        if let hasBaseline { return !hasBaseline }
        let has = try await store.hasBaseline(target: target)
        hasBaseline = has
        return !has
    }
}

/// The outcome of `body` as a value, so one failing call does not cancel its siblings.
private func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
