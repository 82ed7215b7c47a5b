import Foundation

/// Findings of reconciliation against billing, with their history, and the state of the expected sources
/// (SPEC §16). A seam of its own: the reconciler, the API and the CLI's `reconcile` take only this.
public protocol ReconciliationStore: Sendable {
    /// Brings the stored findings of `scope` in line with `evaluated` (all of them in `scope`): a finding not open
    /// opens at `at`, an open one no longer found closes at `at`, one still found keeps its opening time and takes
    /// the new details (ref, expected, actual). Findings of targets outside `scope` are left as they are.
    /// Every finding opened or closed is queued in the webhook outbox, in the same transaction, for the webhooks
    /// `webhooks` names (delivered at least once, like events).
    /// - Parameter scope: the targets this evaluation decides ("" for the fleet-wide `missing` findings).
    func applyFindings(
        _ evaluated: [Finding], scope: Set<String>, at: Date,
        webhooks: @Sendable (Finding, FindingChange) -> [String]
    ) async throws -> FindingChanges

    func findings(_ query: FindingQuery) async throws -> [FindingRecord]

    /// Acknowledges an open finding; nil when there is no such open finding.
    func acknowledgeFinding(id: Int64, by: String, comment: String?, at: Date) async throws -> FindingRecord?

    func expectedSources() async throws -> [ExpectedSourceState]

    func recordExpectedSource(_ state: ExpectedSourceState) async throws
}

extension ReconciliationStore {
    /// Applies an evaluation without queueing webhooks.
    public func applyFindings(_ evaluated: [Finding], scope: Set<String>, at: Date) async throws -> FindingChanges {
        try await applyFindings(evaluated, scope: scope, at: at, webhooks: { _, _ in [] })
    }
}
