import InventoryModel

/// Compares what billing expects with what the targets have (SPEC §16). Pure: the same inputs give the same
/// findings, whatever was found before; opening and closing them is the store's work.
///
/// Rules:
/// - A row with a `server` is expected on the targets that name matches (its name or Plesk hostname); a row without
///   one on any target.
/// - Several rows for one subscription and server (an old terminated service beside a new one): the most alive
///   status wins (active, suspended, terminated), and its plan, owner and ref.
/// - `unbilled`: a Plesk subscription no row expects there. A terminated row still counts as knowing it: terminated
///   and present is a `status_mismatch` when active, and nothing when suspended (terminated services are commonly
///   left suspended before removal).
/// - `missing`: an active row found on no target it may be on; with a `server` it is reported on each target that
///   server names, without one on target "" (none has it).
/// - `status_mismatch`: terminated or suspended in billing and active in Plesk; active in billing and suspended or
///   expired in Plesk.
/// - `plan_mismatch` / `owner_mismatch`: both sides name one and they differ, case aside.
public struct Reconciler: Sendable {
    public init() {}

    /// The findings, sorted, less those `waived`.
    /// - Parameters:
    ///   - targets: the targets whose last poll collected subscriptions (a target left out changes none of its
    ///     findings: the caller keeps them).
    ///   - expected: the rows of every source that was read in full.
    ///   - complete: whether `targets` holds every configured target. A row without `server` may live on a target
    ///     left out, so it is `missing` only when all are here (else its finding, if any, is the caller's to keep).
    ///   - waived: the waiver rules.
    public func findings(
        targets: [ReconcileTarget], expected: [ExpectedRow], complete: Bool = true,
        waived: (Finding) -> Bool = { _ in false }
    ) -> [Finding] {
        evaluate(targets: targets, expected: expected, complete: complete, waived: waived).findings
    }

    /// What one evaluation finds: the findings of ``findings(targets:expected:complete:waived:)``, and the servers
    /// that rows name but no target has, with their row counts (only when `complete`: a target left out has no
    /// hostname here, so its rows would look unmatched). Rows are grouped by server once for both.
    public func evaluate(
        targets: [ReconcileTarget], expected: [ExpectedRow], complete: Bool = true,
        waived: (Finding) -> Bool = { _ in false }
    ) -> (findings: [Finding], unmatchedServers: [String: Int]) {
        var findings: [Finding] = []
        // Rows expected anywhere, and rows per target, merged per subscription.
        let anywhere = Self.merge(expected.filter { $0.server == nil })
        // Rows by server, lowercased once: a fleet's CSV has a row per subscription and a target per server.
        let byServer = Self.byServer(expected)
        for target in targets {
            // In the source's order, also when rows use both the target's name and its hostname.
            let here = Self.merge(target.names.flatMap { byServer[$0] ?? [] }.sorted { $0.offset < $1.offset }.map(\.row))
            for subscription in target.subscriptions {
                guard let row = here[subscription.name] ?? anywhere[subscription.name] else {
                    findings.append(
                        Finding(
                            kind: .unbilled, target: target.name, subscription: subscription.name,
                            actual: subscription.billingStatus.rawValue))
                    continue
                }
                findings += Self.compare(row, subscription, target: target.name)
            }
            let present = Set(target.subscriptions.map(\.name))
            for (name, row) in here where row.status == .active && !present.contains(name) {
                findings.append(
                    Finding(
                        kind: .missing, target: target.name, subscription: name, source: row.source, ref: row.ref,
                        expected: row.status.rawValue))
            }
        }
        let everywhere = Set(targets.flatMap { $0.subscriptions.map(\.name) })
        for (name, row) in anywhere where complete && row.status == .active && !everywhere.contains(name) {
            findings.append(
                Finding(
                    kind: .missing, target: "", subscription: name, source: row.source, ref: row.ref,
                    expected: row.status.rawValue))
        }
        // Rows whose server no target has are expected nowhere here: right for another shard's servers, a typo or a
        // renamed server otherwise.
        let named = Set(targets.flatMap(\.names))
        let unmatched = complete ? byServer.filter { !named.contains($0.key) }.mapValues(\.count) : [:]
        return (findings.filter { !waived($0) }.sorted { $0.identity < $1.identity }, unmatched)
    }

    /// The rows that name a server, with their position, by that name lowercased.
    static func byServer(_ rows: [ExpectedRow]) -> [String: [(offset: Int, row: ExpectedRow)]] {
        var grouped: [String: [(offset: Int, row: ExpectedRow)]] = [:]
        for (offset, row) in rows.enumerated() {
            guard let server = row.server else { continue }
            grouped[server.lowercased(), default: []].append((offset, row))
        }
        return grouped
    }

    private static func compare(_ row: ExpectedRow, _ subscription: ActualSubscription, target: String) -> [Finding] {
        var findings: [Finding] = []
        func finding(_ kind: FindingKind, expected: String?, actual: String?) -> Finding {
            Finding(
                kind: kind, target: target, subscription: subscription.name, source: row.source, ref: row.ref,
                expected: expected, actual: actual)
        }
        let actual = subscription.billingStatus
        switch (row.status, actual) {
        case (.terminated, .active), (.suspended, .active), (.active, .suspended):
            findings.append(finding(.statusMismatch, expected: row.status.rawValue, actual: actual.rawValue))
        default:
            break
        }
        if let expected = row.plan, let plan = subscription.plan, expected.lowercased() != plan.lowercased() {
            findings.append(finding(.planMismatch, expected: expected, actual: plan))
        }
        if let expected = row.owner, let owner = subscription.owner, expected.lowercased() != owner.lowercased() {
            findings.append(finding(.ownerMismatch, expected: expected, actual: owner))
        }
        return findings
    }

    /// One row per subscription: the most alive; the first listed among equals.
    static func merge(_ rows: [ExpectedRow]) -> [String: ExpectedRow] {
        var merged: [String: ExpectedRow] = [:]
        for row in rows {
            if let kept = merged[row.subscription], kept.status.liveliness >= row.status.liveliness { continue }
            merged[row.subscription] = row
        }
        return merged
    }
}
