import Foundation
import InventoryModel

/// One reconciliation: reads every source, and when all were read in full, compares them with the stored
/// subscriptions of the targets whose last poll collected them, and brings the stored findings in line.
///
/// Never a false alarm from a bad source (SPEC §16): a source that cannot be read, is empty or malformed, or lost
/// more rows than the shrink guard allows leaves every finding as it is (its rows are missing, so anything else
/// would open an `unbilled` finding for each). A target whose last poll failed, or did not collect subscriptions,
/// keeps its findings.
public struct ReconciliationEngine: Sendable {
    /// A configured target: its name, and whether it is asked for subscriptions at all.
    public struct TargetScope: Sendable, Hashable {
        public var name: String
        public var collectsSubscriptions: Bool

        public init(name: String, collectsSubscriptions: Bool = true) {
            self.name = name
            self.collectsSubscriptions = collectsSubscriptions
        }
    }

    /// What a run read and changed.
    public struct Outcome: Sendable {
        /// Every source's state after this run.
        public var sources: [ExpectedSourceState]
        /// The sources that were not used, and why.
        public var failures: [ExpectedSourceError]
        /// The targets whose findings were evaluated (empty when a source failed).
        public var evaluated: [String]
        public var changes: FindingChanges
        /// Servers named by rows that no configured target has (a row's `server` matched against names and
        /// hostnames), with their row counts; only known when every target was evaluated, else empty.
        public var unmatchedServers: [String: Int] = [:]
    }

    public let sources: [any ExpectedSource]
    public let targets: [TargetScope]
    public let history: any HistoryReader
    public let store: any ReconciliationStore
    public let shrinkGuard: ShrinkGuard
    public let waived: @Sendable (Finding) -> Bool
    /// The webhooks a finding that opened or closed is queued for.
    public let webhooks: @Sendable (Finding, FindingChange) -> [String]

    public init(
        sources: [any ExpectedSource], targets: [TargetScope], history: any HistoryReader,
        store: any ReconciliationStore, shrinkGuard: ShrinkGuard = ShrinkGuard(),
        waived: @escaping @Sendable (Finding) -> Bool = { _ in false },
        webhooks: @escaping @Sendable (Finding, FindingChange) -> [String] = { _, _ in [] }
    ) {
        self.webhooks = webhooks
        self.sources = sources
        self.targets = targets
        self.history = history
        self.store = store
        self.shrinkGuard = shrinkGuard
        self.waived = waived
    }

    public func run(at: Date) async throws -> Outcome {
        let known = Dictionary(
            try await store.expectedSources().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var states: [ExpectedSourceState] = []
        var failures: [ExpectedSourceError] = []
        var rows: [ExpectedRow] = []
        for source in sources {
            var state = known[source.name] ?? ExpectedSourceState(name: source.name, up: false)
            do {
                let read = try await source.read()
                let pending = state.pendingRows.map { (count: $0, reads: state.pendingReads) }
                switch shrinkGuard.judge(count: read.count, lastAccepted: state.rows, pending: pending) {
                case .accept:
                    state = ExpectedSourceState(name: source.name, up: true, rows: read.count, lastSuccessAt: at)
                    rows += read
                case .hold(let reads):
                    let error = ExpectedSourceError(
                        reason: .shrunken, source: source.name,
                        detail: "\(read.count) rows, \(state.rows ?? 0) at the last accepted read: held until"
                            + " \(shrinkGuard.confirmReads) reads in a row agree (\(reads) so far)")
                    state.up = false
                    state.pendingRows = read.count
                    state.pendingReads = reads
                    state.lastError = error.description
                    failures.append(error)
                }
            } catch {
                state.up = false
                state.pendingRows = nil
                state.pendingReads = 0
                state.lastError = error.description
                failures.append(error)
            }
            try await store.recordExpectedSource(state)
            states.append(state)
        }
        guard failures.isEmpty, !sources.isEmpty else {
            return Outcome(sources: states, failures: failures, evaluated: [], changes: FindingChanges())
        }
        let actual = try await collectedTargets()
        let complete = actual.count == targets.count
        let (findings, unmatched) = Reconciler().evaluate(
            targets: actual, expected: rows, complete: complete, waived: waived)
        var scope = Set(actual.map(\.name))
        if complete { scope.insert("") }
        // Findings of a target no longer configured close: nothing will evaluate them again.
        let configured = Set(targets.map(\.name)).union([""])
        scope.formUnion(Set(try await store.findings(FindingQuery()).map(\.finding.target)).subtracting(configured))
        let changes = try await store.applyFindings(findings, scope: scope, at: at, webhooks: webhooks)
        return Outcome(
            sources: states, failures: [], evaluated: actual.map(\.name), changes: changes, unmatchedServers: unmatched)
    }

    /// The targets whose last poll collected subscriptions, with them as stored.
    private func collectedTargets() async throws -> [ReconcileTarget] {
        let records = Dictionary(
            try await history.targets().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [ReconcileTarget] = []
        for target in targets where target.collectsSubscriptions {
            guard let record = records[target.name], record.lastPoll?.collected(.subscription) == true else { continue }
            let subscriptions = try await history.inventory(target: target.name, kind: .subscription, at: nil)
                .compactMap { ActualSubscription(fieldsJSON: $0.entry.object.fieldsJSON) }
            let hostname = record.serverJSON.flatMap { JSONValue.parse($0)?.objectValue?["hostname"]?.stringValue }
            result.append(ReconcileTarget(name: target.name, hostname: hostname, subscriptions: subscriptions))
        }
        return result
    }
}
