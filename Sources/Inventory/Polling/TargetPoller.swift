import Foundation
import Logging
import PleskAPI
import InventoryModel

/// Polls one target: fetch, enrich, diff, commit. An actor, so polls of one target never overlap.
///
/// A poll is complete only when the list of every required kind (`/domains` and `/clients`) was fetched and
/// decoded in full; anything else writes one failed poll row and nothing more. An optional kind (subscriptions and
/// plans, from the XML API) that fails only fails itself: it keeps its last state, and the poll goes on for the
/// others (SPEC §15). A cancelled poll writes nothing.
public actor TargetPoller {
    /// Every kind of object a poll can list, in the order their lists are awaited and their changes written.
    static let allKinds: [any PolledObjectKind.Type] = [
        PolledDomains.self, PolledClients.self, PolledSubscriptions.self, PolledPlans.self,
    ]
    /// The kinds this target's polls list (``allKinds`` less those its settings switch off).
    let kinds: [any PolledObjectKind.Type]

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
    var owners = OwnerMap()
    var ownersRefreshedAt: Date?
    /// When a committed poll last read every subscription's limits and traffic (nil: the next poll does).
    var usageReadAt: Date?
    /// The last committed poll's objects, per kind (empty until one commits here, and after a failed commit).
    var known: [ObjectKind: any KnownKind] = [:]
    /// Whether the memory kept in the database is read at the first poll and written with each commit.
    let remembersAcrossRestarts: Bool
    /// The database's fingerprint key, read at the first poll (nil until the target is registered).
    var fingerprintKey: FingerprintKey?
    /// The kinds whose baseline is taken (read at the first poll).
    var baselinedKinds: Set<ObjectKind>?
    /// Optional kinds whose last collection failed, with the reason: a change of state is logged once.
    var failingKinds: [ObjectKind: PleskAPIError.Reason] = [:]
    /// Shared with the other targets' pollers: a poll that reads every object of a kind waits for its share.
    let budget: FullPollBudget?
    /// Objects per kind at the last committed poll: what a full poll of them is estimated to hold.
    var lastCounts: [ObjectKind: Int] = [:]

    public init(
        target: String, url: String, source: any PleskSource, store: any PollWriter & PollMemoryStore, settings: PollSettings,
        clock: any InventoryClock = SystemInventoryClock(), logger: Logger, listener: (any PollListener)? = nil,
        autoAcknowledge: @escaping @Sendable (String, NewEvent) -> String? = { _, _ in nil },
        webhooks: @escaping @Sendable (String, NewEvent) -> [String] = { _, _ in [] },
        remembersAcrossRestarts: Bool = true, budget: FullPollBudget? = nil
    ) {
        self.remembersAcrossRestarts = remembersAcrossRestarts
        self.budget = budget
        let collected = ObjectKind.collected(
            subscriptions: settings.collectSubscriptions, servicePlans: settings.collectServicePlans)
        self.kinds = Self.allKinds.filter { collected.contains($0.kind) }
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
        let remembered = rememberedForPoll(at: clock.now())
        // A kind read in full holds all its objects at once: wait for a share of the budget (an unchanged poll,
        // which remembers every kind, never waits). Its time starts once admitted.
        var reservation: FullPollBudget.Reservation?
        let readInFull = kinds.map { $0.kind }.filter { remembered[$0] == nil }
        if let budget, !readInFull.isEmpty {
            // nil (a slot's share) when a kind's count is not known yet.
            var objects: Int? = 0
            for kind in readInFull {
                guard let count = lastCounts[kind] ?? rememberedCount(of: kind) else {
                    objects = nil
                    break
                }
                objects? += count
            }
            reservation = try await budget.reserve(bytes: budget.estimate(objects: objects))
        }
        defer { if let reservation { budget?.release(reservation) } }
        let startedAt = clock.now()
        var collected: Collected
        do {
            collected = try await collect(key: key, remembered: remembered, startedAt: startedAt)
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
        var report = try await commit(&collected, startedAt: startedAt)
        report.clientStatistics = collected.statistics
        report.failedKinds = collected.failures
        report.subscriptionBreakdown = collected.breakdown
        noteKindFailures(collected.failures)
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
            for kind in kinds {
                known[kind.kind] = memory[kind.kind].flatMap { kind.decodeMemory($0, key: key) }
            }
            usageReadAt = try await store.usageReadAt(target: target)
        }
        fingerprintKey = key
        return key
    }

    /// What a poll gathered before diffing.
    struct Collected {
        /// Each kind's objects, in the order of ``kinds``.
        var kinds: [any ReducedKind]
        var counts: PollCounts
        var enrichmentFailures: Int
        var statistics: [String: PleskClientStatistics]
        var phases: PollPhases
        /// Optional kinds that could not be collected.
        var failures: [ObjectKind: PleskAPIError] = [:]
        /// Subscriptions by status and plan, when subscriptions were collected and they or the plans changed.
        var breakdown: [SubscriptionBucket]?
        /// Whether every subscription was decoded, so its usage read (``usageReadAt``).
        var readAllUsage = false
    }

    /// Fetches the lists, enriches them and sorts their objects into unchanged ones and candidates. Only candidates
    /// are decoded and reduced to canonical JSON; the response bodies are released on return, before the diff and
    /// the commit run.
    /// What this poll's lists are scanned and sorted against: the kept memory, less the subscriptions when every
    /// subscription's usage is due to be read again (only their identity and disk size are fingerprinted).
    private func rememberedForPoll(at now: Date) -> [ObjectKind: any KnownKind] {
        var remembered = known
        if usageReadAt.map({ now.timeIntervalSince($0) >= settings.usageRefresh.timeInterval }) ?? true {
            remembered[.subscription] = nil
        }
        return remembered
    }

    private func collect(key: FingerprintKey, remembered: [ObjectKind: any KnownKind], startedAt: Date) async throws
        -> Collected
    {
        let clock = ContinuousClock()
        var phases = PollPhases()
        var mark = clock.now
        func lap() -> Duration {
            defer { mark = clock.now }
            return clock.now - mark
        }
        var (fetched, kindFailures) = try await fetchLists(remembered: remembered, key: key)
        phases.fetch = lap()
        let domains = (fetched.first { $0.kind == .domain } as? Fetched<PolledDomains>)?.facts ?? []
        let clients = (fetched.first { $0.kind == .client } as? Fetched<PolledClients>)?.facts ?? []
        var failures = 0
        var enrichment = Enrichment()
        enrichment.clientLogins = Dictionary(clients.map { ($0.id, $0.login) }, uniquingKeysWith: { first, _ in first })
        if let plans = (fetched.first { $0.kind == .plan } as? Fetched<PolledPlans>)?.facts {
            enrichment.plans = PolledPlans.naming(plans)
        } else if let remembered = known[.plan] as? KnownObjects<ListedPlan> {
            // Not listed this poll: the plans of the last poll that listed them name the subscriptions' plans.
            enrichment.plans = PolledPlans.naming(remembered.entries.map(\.facts))
        }
        if settings.collectOwners {
            enrichment.owners = await resolveOwners(domains: domains, clients: clients, failures: &failures)
        }
        if settings.collectDomainStatus { enrichment.statuses = await domainStatuses(domains, failures: &failures) }
        let statistics = settings.collectClientStatistics ? await clientStatistics(clients, failures: &failures) : [:]
        phases.enrich = lap()

        var counts = PollCounts()
        for kind in fetched { kind.count(into: &counts) }
        for kind in kinds where kindFailures[kind.kind] != nil {
            kind.countRemembered(known[kind.kind], into: &counts)
        }

        var reduced: [any ReducedKind] = []
        for index in fetched.indices {
            reduced.append(try fetched[index].reduce(key: key, enrichment: enrichment, target: target))
        }
        for index in reduced.indices where !reduced[index].reenrichKeys.isEmpty {
            let stored = try await store.currentFields(
                target: target, kind: reduced[index].kind, keys: reduced[index].reenrichKeys)
            do {
                try reduced[index].reenrich(stored: stored)
            } catch {
                // The stored state is not what this poller committed: forget, so the next poll reads it in full.
                known = [:]
                throw error
            }
        }
        // Subscriptions by status and plan change only with the subscriptions' or plans' memory: an unchanged poll
        // neither works them out again nor rewrites them.
        let breakdown = (fetched.first { $0.kind == .subscription } as? Fetched<PolledSubscriptions>).flatMap {
            subscriptions in
            reduced.contains { ($0.kind == .subscription || $0.kind == .plan) && $0.changesMemory }
                ? PolledSubscriptions.breakdown(subscriptions.facts, plans: enrichment.plans) : nil
        }
        phases.reduce = lap()
        return Collected(
            kinds: reduced, counts: counts, enrichmentFailures: failures, statistics: statistics, phases: phases,
            failures: kindFailures, breakdown: breakdown,
            readAllUsage: kinds.contains { $0.kind == .subscription } && remembered[.subscription] == nil
                && kindFailures[.subscription] == nil)
    }

    /// Every kind's list, fetched at the same time as the server's meta. The lists are awaited in the order of
    /// ``kinds``: the error of a poll is the first required kind's that failed, whichever failed first in time. An
    /// optional kind's failure is returned, not thrown.
    private func fetchLists(remembered: [ObjectKind: any KnownKind], key: FingerprintKey) async throws
        -> (lists: [any FetchedKind], failures: [ObjectKind: PleskAPIError])
    {
        let source = self.source
        async let server = capture { try await source.server() }
        let kinds = self.kinds
        let results = try await withThrowingTaskGroup(of: (Int, Result<any FetchedKind, any Error>).self) { group in
            for (index, kind) in kinds.enumerated() {
                let memory = remembered[kind.kind]
                group.addTask {
                    // The value is bound before the tuple is built: see README, "Swift 6.3.1 optimizer bug".
                    let result = await capture { try await kind.fetch(source, remembered: memory, key: key) }
                    return (index, result)
                }
            }
            var results = [Result<any FetchedKind, any Error>?](repeating: nil, count: kinds.count)
            for try await (index, result) in group {
                results[index] = result
                // The first required kind (in order) that is not fetched yet decides: wait for it, or fail with its
                // error.
                for (slot, kind) in zip(results, kinds) where !kind.kind.isOptional {
                    guard let slot else { break }
                    // Throwing out of the group cancels the kinds still being fetched.
                    if case .failure(let error) = slot { throw error }
                }
            }
            return results.map { $0! }
        }
        var lists: [any FetchedKind] = []
        var failures: [ObjectKind: PleskAPIError] = [:]
        for (result, kind) in zip(results, kinds) {
            switch result {
            case .success(let list): lists.append(list)
            case .failure(let error as CancellationError): throw error
            case .failure(let error):
                failures[kind.kind] =
                    error as? PleskAPIError
                    ?? PleskAPIError(reason: .other, target: target, endpoint: kind.endpoint, detail: "\(error)")
            }
        }
        switch await server {
        case .success(let info): serverInfo = info
        case .failure(let error):
            // Server meta only labels plesk_server_info; the last known value stays.
            logger.debug("server info unavailable", metadata: ["target": "\(target)", "error": "\(error)"])
        }
        return (lists, failures)
    }

    /// Logs an optional kind that starts failing (with what to do about it) or recovers, once per change.
    private func noteKindFailures(_ failures: [ObjectKind: PleskAPIError]) {
        for kind in kinds.map({ $0.kind }) where kind.isOptional {
            let failure = failures[kind]
            guard failingKinds[kind] != failure?.reason else { continue }
            if let failure {
                logger.warning(
                    "\(kind.rawValue)s not collected; their last known state is kept",
                    metadata: [
                        "target": "\(target)", "kind": "\(kind.rawValue)", "reason": "\(failure.reason.rawValue)",
                        "error": "\(failure)",
                    ])
            } else {
                logger.info("\(kind.rawValue)s collected again", metadata: ["target": "\(target)"])
            }
            failingKinds[kind] = failure?.reason
        }
    }

    /// Compares one kind's candidates with its stored state and adds the outcome to `complete`.
    private func diff(
        _ polled: any ReducedKind, heldBefore: [HeldRemoval], detector: ChangeDetector,
        into complete: inout CompletePoll
    ) async throws {
        let kind = polled.kind
        let previous: [CurrentObjectState]
        if let vanished = polled.vanished {
            // Everything stored open is an unchanged object, a remembered one that did not come back unchanged, or a
            // held removal: only the last two need reading.
            let keys = Set(vanished).union(heldBefore.lazy.filter { $0.kind == kind }.map(\.key))
            previous = try await store.currentObjects(target: target, kind: kind, keys: Array(keys))
        } else {
            previous = try await store.currentObjects(target: target, kind: kind)
        }
        let plan = detector.plan(
            kind: kind, previous: previous, held: heldBefore, seen: polled.candidates, unchanged: polled.unchanged)
        let fields =
            plan.keysNeedingFields.isEmpty
            ? [:] : try await store.currentFields(target: target, kind: kind, keys: plan.keysNeedingFields)
        let outcome = detector.finish(plan, previousFields: fields)
        if kind == .subscription {
            complete.usageRemoved += outcome.removedKeys
            complete.transitions = SubscriptionTransitions.count(outcome.events)
        }
        complete.added += outcome.added
        complete.modified += outcome.modified
        complete.removed += outcome.removedKeys.map { (kind: kind, key: $0) }
        complete.events += outcome.events
        complete.held += outcome.held
    }

    private func commit(_ collected: inout Collected, startedAt: Date) async throws -> PollReport {
        var phases = collected.phases
        let diffStart = ContinuousClock.now
        let baseline = try await needsBaseline()
        let baselined = try await kindsWithBaseline()
        let detector = ChangeDetector(removalGuard: settings.removalGuard)
        let heldBefore = try await store.heldRemovals(target: target)
        var complete = CompletePoll(
            target: target, startedAt: startedAt, finishedAt: startedAt, baseline: baseline, counts: collected.counts,
            serverJSON: serverInfo.flatMap(Self.serverJSON))
        complete.reportsBaselineEvents = settings.reportsBaselineEvents
        // A baseline's lists are the whole inventory: grown by appending kind after kind they held up to half as
        // much again at the commit's peak.
        let candidateCount = collected.kinds.reduce(0) { $0 + $1.candidates.count }
        complete.added.reserveCapacity(candidateCount)
        // A baseline is a record of what was there, not a change: it is never waiting for anyone.
        var implied = ImpliedBaselineEvents(kinds: [], acknowledgedBy: Self.baselineAcknowledger)
        for index in collected.kinds.indices {
            let kind = collected.kinds[index].kind
            // A kind collected for the first time (a new kind after an upgrade, or an XML API that failed until
            // now) takes its own baseline: its objects were there before, not added now.
            if baseline || !baselined.contains(kind) {
                // Nothing stored to compare with: every object is added, each with the baseline event the store
                // derives from it (held removals of the kind, if any, are of objects it no longer knows).
                complete.added.append(contentsOf: collected.kinds[index].candidates.lazy.map(\.stored))
                implied.kinds.insert(kind)
            } else {
                try await diff(collected.kinds[index], heldBefore: heldBefore, detector: detector, into: &complete)
            }
            // What the commit needs of them is in `complete` now: a baseline's would be held twice through it.
            collected.kinds[index].releaseObjects()
        }
        if !implied.kinds.isEmpty { complete.impliedBaselineEvents = implied }
        // A kind that failed keeps its held removals (nothing about it was learnt this poll).
        complete.held += heldBefore.filter { collected.failures[$0.kind] != nil }
        complete.collectedKinds = Set(collected.kinds.map(\.kind))
        complete.failedKinds = collected.failures.mapValues {
            KindFailure(reason: $0.reason.rawValue, message: $0.description)
        }
        complete.usage = collected.kinds.flatMap(\.usage)
        complete.subscriptionBreakdown = collected.breakdown
        // A changed plan may have changed the limits of the subscriptions synchronised with it, which their own
        // bytes do not show: the next poll reads every subscription's usage.
        let plansChanged = collected.kinds.contains { $0.kind == .plan && $0.changesMemory } && known[.plan] != nil
        let usageReadAt = plansChanged ? Date.distantPast : collected.readAllUsage ? startedAt : nil
        complete.usageReadAt = usageReadAt
        if remembersAcrossRestarts {
            for polled in collected.kinds where polled.changesMemory { complete.memory[polled.kind] = polled.memory.encoded() }
        }
        for index in complete.events.indices {
            complete.events[index].acknowledgedBy = autoAcknowledge(target, complete.events[index])
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
            known = [:]
            baselinedKinds = nil
            throw error
        }
        // A kind that failed keeps what was remembered of it: its stored state did not change either.
        for polled in collected.kinds { known[polled.kind] = polled.memory }
        let counts = collected.counts
        for (kind, count) in [
            (ObjectKind.domain, counts.domains), (.client, counts.clients), (.subscription, counts.subscriptions),
            (.plan, counts.plans),
        ] where complete.collectedKinds.contains(kind) {
            lastCounts[kind] = count
        }
        if let usageReadAt { self.usageReadAt = usageReadAt }
        baselinedKinds = baselined.union(complete.collectedKinds)
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

    /// How many objects of a kind the poller remembers (nil when it remembers none of that kind).
    func rememberedCount(of kind: ObjectKind) -> Int? { known[kind]?.fingerprints.inListOrder.count }

    /// `acknowledged_by` of baseline events.
    public static let baselineAcknowledger = "baseline"

    /// Kept with the target so `plesk_server_info` is known again right after a restart.
    private static func serverJSON(_ info: PleskServerInfo) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(info)).map { String(decoding: $0, as: UTF8.self) }
    }

    private func kindsWithBaseline() async throws -> Set<ObjectKind> {
        if let baselinedKinds { return baselinedKinds }
        let kinds = try await store.baselinedKinds(target: target)
        baselinedKinds = kinds
        return kinds
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
