import Foundation
import Logging
import PleskAPI
import Storage

/// Polls one target: fetch, enrich, diff, commit. An actor, so polls of one target never overlap.
///
/// A poll is complete only when `/domains` and `/clients` were both fetched and decoded in full; anything else
/// writes one failed poll row and nothing more. A cancelled poll writes nothing.
public actor TargetPoller {
    public nonisolated let target: String
    let url: String
    let source: any PleskSource
    let store: any InventoryStore
    let settings: PollSettings
    let clock: any InventoryClock
    let logger: Logger
    let listener: (any PollListener)?
    /// Returns who acknowledges an event automatically (e.g. "auto:rule 1"), or nil.
    let autoAcknowledge: @Sendable (String, NewEvent) -> String?
    /// Returns the ids of the webhooks an event is queued for (decided after auto-acknowledgement).
    let webhooks: @Sendable (String, NewEvent) -> [String]

    var registered = false
    var hasBaseline: Bool?
    var serverInfo: PleskServerInfo?
    /// Domain id → owner login, from the last full owner map plus per-domain lookups since.
    var owners: [Int: String] = [:]
    var ownersRefreshedAt: Date?

    public init(
        target: String, url: String, source: any PleskSource, store: any InventoryStore, settings: PollSettings,
        clock: any InventoryClock = SystemInventoryClock(), logger: Logger, listener: (any PollListener)? = nil,
        autoAcknowledge: @escaping @Sendable (String, NewEvent) -> String? = { _, _ in nil },
        webhooks: @escaping @Sendable (String, NewEvent) -> [String] = { _, _ in [] }
    ) {
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
        if !registered {
            try await store.registerTarget(name: target, url: url)
            registered = true
        }
        let startedAt = clock.now()
        let collected: Collected
        do {
            collected = try await collect()
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
        var report = try await commit(
            collected.snapshot, startedAt: startedAt, enrichmentFailures: collected.enrichmentFailures)
        report.clientStatistics = collected.statistics
        await listener?.pollFinished(report)
        return report
    }

    /// What a poll gathered before diffing.
    struct Collected {
        var snapshot: InventorySnapshot
        var enrichmentFailures: Int
        var statistics: [String: PleskClientStatistics]
    }

    /// Fetches the lists, enriches them and reduces them to a snapshot. The decoded lists are released on return,
    /// before the diff and the commit run: on a large server they are the biggest allocation of a poll.
    private func collect() async throws -> Collected {
        let fetched = try await fetchLists()
        var failures = 0
        let ownersByDomain = settings.collectOwners ? await resolveOwners(fetched, failures: &failures) : [:]
        let statuses = settings.collectDomainStatus ? await domainStatuses(fetched.domains, failures: &failures) : [:]
        let statistics =
            settings.collectClientStatistics ? await clientStatistics(fetched.clients, failures: &failures) : [:]
        let snapshot = InventorySnapshot(
            domains: fetched.domains, clients: fetched.clients, owners: ownersByDomain, statuses: statuses)
        return Collected(snapshot: snapshot, enrichmentFailures: failures, statistics: statistics)
    }

    private func fetchLists() async throws -> (domains: [PleskDomain], clients: [PleskClient]) {
        let source = self.source
        async let server = capture { try await source.server() }
        async let domains = source.domains()
        async let clients = source.clients()
        let lists = try await (domains, clients)
        switch await server {
        case .success(let info): serverInfo = info
        case .failure(let error):
            // Server meta only labels plesk_server_info; the last known value stays.
            logger.debug("server info unavailable", metadata: ["target": "\(target)", "error": "\(error)"])
        }
        return lists
    }

    private func commit(_ snapshot: InventorySnapshot, startedAt: Date, enrichmentFailures: Int) async throws
        -> PollReport
    {
        let baseline = try await needsBaseline()
        let detector = ChangeDetector(removalGuard: settings.removalGuard)
        let heldBefore = try await store.heldRemovals(target: target)
        var complete = CompletePoll(
            target: target, startedAt: startedAt, finishedAt: startedAt, baseline: baseline, counts: snapshot.counts,
            serverJSON: serverInfo.flatMap(Self.serverJSON))
        for kind in ObjectKind.allCases {
            let previous = baseline ? [] : try await store.currentObjects(target: target, kind: kind)
            let plan = detector.plan(kind: kind, previous: previous, held: heldBefore, seen: snapshot.objects(of: kind))
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
        for index in complete.events.indices {
            // A baseline is a record of what was there, not a change: it is never waiting for anyone.
            complete.events[index].acknowledgedBy =
                baseline ? Self.baselineAcknowledger : autoAcknowledge(target, complete.events[index])
            complete.events[index].webhooks = webhooks(target, complete.events[index])
        }
        try Task.checkCancellation()
        complete.finishedAt = clock.now()
        let stored = try await store.commit(complete)
        hasBaseline = true
        let changes = stored.events.filter { !$0.baseline }.count
        logger.info(
            "poll complete",
            metadata: [
                "target": "\(target)", "domains": "\(snapshot.counts.domains)", "clients": "\(snapshot.counts.clients)",
                "changes": "\(changes)", "held": "\(complete.held.count)", "baseline": "\(baseline)",
            ])
        return PollReport(
            target: target, startedAt: startedAt, finishedAt: complete.finishedAt, poll: stored.poll, error: nil,
            events: stored.events, serverInfo: serverInfo, enrichmentFailures: enrichmentFailures,
            clientStatistics: [:])
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
        let record = try await store.targets().first { $0.name == target }
        hasBaseline = record?.baselineAt != nil
        return record?.baselineAt == nil
    }
}

/// The outcome of `body` as a value, so one failing call does not cancel its siblings.
private func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
