import Foundation
import InventoryModel

/// Reads the facts of a report from an ``InventoryStore``. Only reads: works on a read-only database while `serve`
/// writes to it.
public struct ReportBuilder: Sendable {
    public let store: any HistoryReader
    public let options: ReportOptions
    /// Where billing reconciliation's findings are read; nil leaves the section out.
    public let findings: (any ReconciliationStore)?

    /// Events are read in pages of this many (the store's cursor), so no single read is unbounded.
    static let pageSize = 1000

    public init(store: any HistoryReader, options: ReportOptions, findings: (any ReconciliationStore)? = nil) {
        self.store = store
        self.options = options
        self.findings = findings
    }

    /// - Throws: ``ReportError`` for an unknown target or a period without polls; store errors as they come.
    public func build() async throws -> InventoryReport {
        let period = options.period
        let targets = try await selectedTargets()
        var polled: [(target: TargetRecord, polls: [PollRecord])] = []
        for target in targets {
            // Oldest first; the store lists the poll log newest first.
            let polls = try await store.polls(
                target: target.name, since: period.firstChangeTime, until: period.end, limit: .max
            ).reversed()
            polled.append((target, Array(polls)))
        }
        guard polled.contains(where: { !$0.polls.isEmpty }) else {
            throw try await noPollsError(targets.map(\.name))
        }
        var reports: [TargetReport] = []
        for (target, polls) in polled {
            reports.append(try await targetReport(target, polls: polls))
        }
        return InventoryReport(period: period, targets: reports, reconciliation: try await reconciliation())
    }

    /// The findings over the period of the selected targets (and, when all are selected, the fleet-wide ones).
    private func reconciliation() async throws -> ReconciliationReport? {
        guard let findings else { return nil }
        let period = options.period
        let wanted = Set(options.targets)
        let records = try await findings.findings(
            FindingQuery(openOnly: false, since: period.start, until: period.end.addingTimeInterval(0.001))
        ).filter { wanted.isEmpty || wanted.contains($0.finding.target) }
        return ReconciliationReport(records, period: period)
    }

    /// The requested targets (all when none is named), ordered by name.
    private func selectedTargets() async throws -> [TargetRecord] {
        let known = try await store.targets()
        guard !options.targets.isEmpty else {
            guard !known.isEmpty else {
                throw ReportError(
                    .noPolls, "the database holds no targets yet: poll once (plesk_exporter poll) or run serve first")
            }
            return known
        }
        let wanted = Set(options.targets)
        let unknown = wanted.subtracting(known.map(\.name)).sorted()
        guard unknown.isEmpty else {
            let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
            let hint =
                known.isEmpty
                ? "the database holds no targets yet"
                : "the database knows \(known.map(\.name).joined(separator: ", "))"
            throw ReportError(.unknownTarget, "unknown target\(unknown.count == 1 ? "" : "s") \(names): \(hint)")
        }
        return known.filter { wanted.contains($0.name) }
    }

    /// "No polls in the period", saying when there were polls.
    private func noPollsError(_ targets: [String]) async throws -> ReportError {
        let period = options.period
        var first: Date?
        var lastBeforeEnd: Date?
        for target in targets {
            if let poll = try await store.firstPoll(target: target) {
                first = min(first ?? poll.finishedAt, poll.finishedAt)
            }
            if let poll = try await store.polls(target: target, since: nil, until: period.end, limit: 1).first {
                lastBeforeEnd = max(lastBeforeEnd ?? poll.finishedAt, poll.finishedAt)
            }
        }
        let which = options.targets.isEmpty ? "" : " of \(targets.joined(separator: ", "))"
        var message =
            "no polls\(which) between \(ReportText.rfc3339(period.start)) and \(ReportText.rfc3339(period.end))"
        if let first {
            message += "; the first poll was at \(ReportText.rfc3339(first))"
            if let lastBeforeEnd, first <= period.start {
                message += " and the last one before the period ended at \(ReportText.rfc3339(lastBeforeEnd))"
            }
        } else {
            message += "; the database holds no polls yet: poll once (plesk_exporter poll) or run serve first"
        }
        return ReportError(.noPolls, message)
    }

    private func targetReport(_ target: TargetRecord, polls: [PollRecord]) async throws -> TargetReport {
        let period = options.period
        // A baseline inside the period is where the target's history starts: counting from the period's start would
        // report its whole inventory as growth.
        let baselineAt = target.baselineAt.flatMap { $0 > period.start && $0 <= period.end ? $0 : nil }
        let startAt = baselineAt ?? period.start
        let start = try await tally(target.name, at: startAt)
        let end = try await tally(target.name, at: period.end)
        let changes = try await events(
            EventQuery(target: target.name, since: period.firstChangeTime, until: period.end, includeBaseline: false))
        let unacknowledged = try await events(
            EventQuery(target: target.name, until: period.end, acknowledged: false, includeBaseline: false))
        let held = try await store.heldRemovals(target: target.name, at: period.end)
        let lastSuccess = try await store.lastSuccessfulPoll(target: target.name, atOrBefore: period.end)
        return TargetReport(
            target: target.name,
            start: start.counts,
            end: end.counts,
            baseline: baselineAt.map {
                BaselineRecord(at: $0, domains: start.counts.domains, clients: start.counts.clients)
            },
            changes: changes,
            topClients: end.topClients(limit: options.topClients),
            polls: try await availability(target.name, polls: polls, lastSuccess: lastSuccess),
            heldRemovals: HeldRemovals(held),
            unacknowledged: unacknowledged,
            daily: DailyCount.series(from: start.counts, applying: changes, until: period.end),
            subscriptions: try await subscriptionReport(
                target.name, polls: polls, start: start, startAt: startAt, end: end, endPoll: lastSuccess))
    }

    /// The inventory of a target at a time, counted.
    func tally(_ target: String, at time: Date) async throws -> InventoryTally {
        InventoryTally(try await store.inventory(target: target, kind: nil, at: time).map(\.entry), at: time)
    }

    /// Every matching event, page by page along the id cursor, ordered by time.
    private func events(_ query: EventQuery) async throws -> [ReportChange] {
        var query = query
        query.limit = Self.pageSize
        var changes: [ReportChange] = []
        while true {
            let page = try await store.events(query)
            changes += page.map(ReportChange.init)
            guard page.count == Self.pageSize, let last = page.last else { break }
            query.after = last.id
        }
        // Ids follow commit order; a target's commits are sequential, so this is a no-op but for clock steps.
        return changes.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }
}
