import ExporterConfig
import Foundation
import Inventory
import Logging
import PleskAPI
import InventoryModel

/// The live state behind `/metrics`, `/readyz`, `/api/v1/targets` and the landing page.
///
/// It listens to every finished poll (``PollListener``) and keeps, per configured target, the last poll, the last
/// success (with its counts and held removals) and the server info; plus the event tallies of the store. A scrape
/// reads only this actor, never the store or Plesk, so it never waits for a poll. ``attach(_:)`` restores the state
/// from the store at start, so a restart does not show empty gauges.
public actor ExporterStatus: PollListener {
    public nonisolated let domainInfoEnabled: Bool
    public nonisolated let subscriptionUsageEnabled: Bool
    /// How many over-limit subscriptions per target get a `plesk_subscription_over_limit_info` series.
    public static let overLimitInfoLimit = 50
    /// Subscription transitions per target, read with the tallies.
    private var transitions: [TransitionTally] = [] { didSet { generation &+= 1 } }
    private let telemetry: ExporterTelemetry?
    private let logger: Logger
    private var targets: [TargetStatus] { didSet { generation &+= 1 } }
    private let index: [String: Int]
    private var tallies: [EventTally] = [] { didSet { generation &+= 1 } }
    /// The newest unacknowledged events per target/kind/change, read with the tallies.
    private var unacknowledgedEvents: [EventRecord] = [] { didSet { generation &+= 1 } }
    /// Changes whenever anything the inventory metrics show changes, so `/metrics` can reuse its rendering.
    private var generation: UInt64 = 0
    /// How many unacknowledged events per target, object and change get a `plesk_unacknowledged_change_info` series.
    public static let unacknowledgedInfoLimit = 20
    private var store: (any HistoryReader)?
    /// Open findings and the sources' state after the last reconciliation; nil without sources.
    private var reconciliation: ReconciliationStatus? { didSet { generation &+= 1 } }
    /// How many unacknowledged open findings per target and kind get a `plesk_reconcile_finding_info` series.
    public static let findingInfoLimit = 50
    private var schedulerPhase = SchedulerPhase.notStarted
    /// Tally reads may finish out of order; only the newest request's result is applied.
    private var tallyRequests = 0
    private var tallyApplied = 0

    public init(configuration: ExporterConfiguration, telemetry: ExporterTelemetry? = nil, logger: Logger) {
        self.domainInfoEnabled = configuration.metrics.domainInfo
        self.subscriptionUsageEnabled = configuration.metrics.subscriptionUsage
        self.telemetry = telemetry
        self.logger = logger
        self.targets = configuration.targets.map { target in
            TargetStatus(
                name: target.name, url: PleskTarget(target, global: configuration.global).displayURL,
                labels: target.labels, collectedKinds: target.collectedKinds)
        }
        self.index = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1.name, $0) })
        if !configuration.expected.isEmpty {
            reconciliation = ReconciliationStatus(
                sources: configuration.expected.map { ExpectedSourceState(name: $0.name, up: false) }, open: [])
        }
    }

    /// A finding acknowledged through the API: its info series goes now, not at the next evaluation.
    public func findingAcknowledged(_ record: FindingRecord) {
        guard var current = reconciliation, let index = current.open.firstIndex(where: { $0.id == record.id }) else {
            return
        }
        current.open[index] = record
        reconciliation = current
    }

    /// After a reconciliation: the findings open now and every source's state.
    public func reconciled(sources: [ExpectedSourceState], open: [FindingRecord]) {
        reconciliation = ReconciliationStatus(sources: sources, open: open)
    }

    /// Restores each target's last poll, last success and baseline, the event tallies and (when enabled) the domain
    /// info series from `store`, and reads from it after every poll from now on. Marks the database open.
    public func attach(_ store: any HistoryReader) async throws {
        self.store = store
        let records = try await store.targets()
        for record in records {
            guard let position = index[record.name] else { continue }
            targets[position].lastPoll = record.lastPoll
            targets[position].lastSuccess = record.lastSuccess
            targets[position].baselineAt = record.baselineAt
            targets[position].serverInfo = record.serverJSON.flatMap {
                try? JSONDecoder().decode(PleskServerInfo.self, from: Data($0.utf8))
            }
            targets[position].subscriptionBreakdown = record.subscriptionBreakdown
        }
        tallies = try await store.eventTallies()
        transitions = try await store.transitionTallies()
        for target in targets where target.collectedKinds.contains(.subscription) && target.lastSuccess != nil {
            await refreshSubscriptions(target: target.name, breakdown: nil)
        }
        unacknowledgedEvents = try await store.newestUnacknowledgedEvents(limitPerKind: Self.unacknowledgedInfoLimit)
        if domainInfoEnabled {
            for target in targets where target.lastSuccess != nil {
                await refreshDomainInfo(target: target.name)
            }
        }
    }

    public func pollFinished(_ report: PollReport) async {
        telemetry?.recordPoll(report)
        guard let position = index[report.target] else { return }
        targets[position].lastPoll = report.poll
        if report.succeeded {
            targets[position].lastSuccess = report.poll
            targets[position].clientStatisticsSamples = Self.clientStatisticsSamples(
                report.clientStatistics, labels: targets[position].metricLabels)
            if targets[position].baselineAt == nil, report.poll.baseline {
                targets[position].baselineAt = report.poll.finishedAt
            }
        }
        if let info = report.serverInfo {
            targets[position].serverInfo = info
        }
        // Every poll re-reads the tallies, so acknowledgements made elsewhere (the CLI) show up within an interval.
        await refreshTallies()
        if domainInfoEnabled, report.succeeded {
            await refreshDomainInfo(target: report.target)
        }
        // Usage and the over-limit list change only with the subscriptions' answer (then the breakdown comes too):
        // an unchanged poll reads and renders nothing again.
        if report.succeeded, let breakdown = report.subscriptionBreakdown {
            await refreshSubscriptions(target: report.target, breakdown: breakdown)
        }
    }

    /// Re-reads a target's over-limit subscriptions (and, when enabled, renders every subscription's usage).
    private func refreshSubscriptions(target name: String, breakdown: [SubscriptionBucket]?) async {
        guard let store, let position = index[name] else { return }
        if let breakdown { targets[position].subscriptionBreakdown = breakdown }
        do {
            targets[position].overLimit = try await store.subscriptionUsage(
                target: name, overLimitOnly: true, limit: Self.overLimitInfoLimit
            ).map(\.usage)
            if subscriptionUsageEnabled {
                targets[position].usageSamples = try await Self.usageSamples(
                    store: store, target: name, labels: targets[position].metricLabels)
            }
        } catch {
            logger.warning(
                "could not read subscription usage; its metrics keep the previous values",
                metadata: ["target": "\(name)", "error": "\(error)"])
        }
    }

    /// Reads and renders off the actor, like the domain info series: one buffer per usage family.
    @concurrent
    private nonisolated static func usageSamples(
        store: any HistoryReader, target: String, labels: [(String, String)]
    ) async throws -> [[UInt8]] {
        let usage = try await store.subscriptionUsage(target: target, overLimitOnly: false, limit: nil)
        var families = InventoryMetrics.subscriptionUsageFamilies.map { _ in
            MetricsText(reservingCapacity: usage.count * 128)
        }
        for (_, subscription) in usage {
            let series = labels + [("subscription", subscription.name), ("plan", subscription.plan)]
            let values: [Double?] = [
                Double(subscription.diskBytes), subscription.trafficBytes.map(Double.init),
                subscription.diskLimitBytes.map(Double.init),
            ]
            for (index, family) in InventoryMetrics.subscriptionUsageFamilies.enumerated() {
                if let value = values[index] { families[index].sample(family.name, series, value) }
            }
        }
        return families.map(\.bytes)
    }

    /// Re-reads the event tallies (after a poll, or after events were acknowledged).
    public func refreshTallies() async {
        guard let store else { return }
        tallyRequests += 1
        let request = tallyRequests
        do {
            let fresh = try await store.eventTallies()
            let events = try await store.newestUnacknowledgedEvents(limitPerKind: Self.unacknowledgedInfoLimit)
            let freshTransitions = try await store.transitionTallies()
            if request > tallyApplied {
                tallies = fresh
                transitions = freshTransitions
                unacknowledgedEvents = events
                tallyApplied = request
            }
        } catch {
            logger.warning(
                "could not read event tallies; metrics keep the previous values", metadata: ["error": "\(error)"])
        }
    }

    private func refreshDomainInfo(target name: String) async {
        guard let store, let position = index[name] else { return }
        do {
            let samples = try await Self.domainInfoSamples(
                store: store, target: name, labels: targets[position].metricLabels)
            targets[position].domainInfoSamples = samples
        } catch {
            logger.warning(
                "could not read the current domains; plesk_domain_info keeps the previous series",
                metadata: ["target": "\(name)", "error": "\(error)"])
        }
    }

    /// Reads and renders off the actor: with many domains this takes a while, and scrapes must not wait for it.
    @concurrent
    private nonisolated static func domainInfoSamples(
        store: any HistoryReader, target: String, labels: [(String, String)]
    ) async throws -> [UInt8] {
        let entries = try await store.inventory(target: target, kind: .domain, at: nil)
        var text = MetricsText(reservingCapacity: entries.count * 128)
        let decoder = JSONDecoder()
        for (_, entry) in entries {
            let fields = try? decoder.decode(DomainInfoFields.self, from: Data(entry.object.fieldsJSON.utf8))
            text.sample(
                InventoryMetrics.domainInfo,
                labels + [
                    ("domain", entry.object.name), ("hosting_type", fields?.hostingType ?? ""),
                    ("client_login", fields?.owner ?? ""),
                ], 1)
        }
        return text.bytes
    }

    /// One sample per client and counter of `/clients/{id}/statistics`; counters a server does not report are left out.
    static func clientStatisticsSamples(
        _ statistics: [String: PleskClientStatistics], labels: [(String, String)]
    ) -> [UInt8] {
        var text = MetricsText(reservingCapacity: statistics.count * 10 * 96)
        for login in statistics.keys.sorted() {
            let counters = statistics[login]!
            let values: [(String, Int?)] = [
                ("active_domains", counters.activeDomains), ("subdomains", counters.subdomains),
                ("disk_space", counters.diskSpace), ("email_postboxes", counters.emailPostboxes),
                ("email_redirects", counters.emailRedirects),
                ("email_response_messages", counters.emailResponseMessages),
                ("mailing_lists", counters.mailingLists), ("databases", counters.databases),
                ("traffic", counters.traffic), ("traffic_prevday", counters.trafficPrevday),
            ]
            for (name, value) in values {
                guard let value else { continue }
                text.sample(
                    InventoryMetrics.clientStatistics, labels + [("client_login", login), ("statistic", name)], value)
            }
        }
        return text.bytes
    }

    private struct DomainInfoFields: Decodable {
        var hostingType: String?
        var owner: String?

        enum CodingKeys: String, CodingKey {
            case hostingType = "hosting_type"
            case owner
        }
    }

    // MARK: Scheduler and readiness

    public func schedulerStarted() {
        schedulerPhase = targets.isEmpty ? .firstRoundDone : .running
    }

    public func schedulerFinishedFirstRound() {
        if schedulerPhase == .running || schedulerPhase == .notStarted { schedulerPhase = .firstRoundDone }
    }

    public func schedulerStopped() {
        schedulerPhase = .stopped
    }

    public var readiness: Readiness {
        guard store != nil else { return .notReady(reason: "the database is not open yet") }
        switch schedulerPhase {
        case .notStarted: return .notReady(reason: "the poll scheduler has not started")
        case .running: return .notReady(reason: "waiting for the first poll of every target")
        case .firstRoundDone: return .ready
        case .stopped: return .notReady(reason: "shutting down")
        }
    }

    /// A copy of everything, for one scrape or page view.
    public func snapshot() -> StatusSnapshot {
        StatusSnapshot(
            targets: targets, tallies: tallies, unacknowledgedEvents: unacknowledgedEvents, readiness: readiness,
            domainInfoEnabled: domainInfoEnabled, generation: generation, transitions: transitions,
            subscriptionUsageEnabled: subscriptionUsageEnabled, reconciliation: reconciliation)
    }

    /// A snapshot only when something changed since `generation` (a scrape between polls copies nothing).
    public func snapshot(ifChangedSince generation: UInt64) -> StatusSnapshot? {
        generation == self.generation ? nil : snapshot()
    }
}
