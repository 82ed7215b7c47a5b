import Foundation
import InventoryModel

extension InventoryMetrics {
    /// The families of reconciliation against billing (SPEC §16), when sources are configured.
    static func writeReconciliation(_ snapshot: StatusSnapshot, into text: inout MetricsText) {
        guard let reconciliation = snapshot.reconciliation else { return }
        /// Findings are counted, and info series bounded, per target and kind.
        struct Group: Hashable {
            var target: String
            var kind: FindingKind
        }
        var counts: [Group: Int] = [:]
        for record in reconciliation.open {
            counts[Group(target: record.finding.target, kind: record.finding.kind), default: 0] += 1
        }
        // A configured target's series carry its extra labels, as every per-target family does.
        let configured = Dictionary(
            snapshot.targets.map { ($0.name, $0.metricLabels) }, uniquingKeysWith: { first, _ in first })
        func labels(_ target: String) -> [(String, String)] { configured[target] ?? [("target", target)] }
        // Every configured target and kind, zero included, so a rule can compare and a dashboard sum; target "" holds
        // the fleet-wide missing subscriptions (their rows name no server).
        let targets = snapshot.targets.map(\.name) + [""]
        family(
            &text, "plesk_reconcile_findings", .gauge,
            "Open reconciliation findings per target and kind (acknowledged ones included); target \"\" holds"
                + " billed subscriptions whose row names no server and that no target has.",
            targets.flatMap { target in
                FindingKind.allCases.compactMap { kind -> ([(String, String)], Double)? in
                    if target.isEmpty, kind != .missing { return nil }
                    let count = counts[Group(target: target, kind: kind)] ?? 0
                    return (labels(target) + [("kind", kind.rawValue)], Double(count))
                }
            })

        var perKind: [Group: Int] = [:]
        var info: [([(String, String)], Double)] = []
        for record in reconciliation.open.sorted(by: { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) })
        where record.acknowledgedAt == nil {
            let finding = record.finding
            let group = Group(target: finding.target, kind: finding.kind)
            guard perKind[group, default: 0] < ExporterStatus.findingInfoLimit else { continue }
            perKind[group, default: 0] += 1
            info.append(
                (
                    labels(finding.target) + [
                        ("kind", finding.kind.rawValue),
                        ("subscription", finding.subscription), ("ref", finding.ref ?? ""),
                        ("expected", finding.expected ?? ""), ("actual", finding.actual ?? ""),
                    ], 1
                ))
        }
        family(
            &text, "plesk_reconcile_finding_info", .gauge,
            "One series (value 1) per open, unacknowledged finding, the oldest \(ExporterStatus.findingInfoLimit) per"
                + " target and kind: the subscription, billing's reference, billing's side and Plesk's.",
            info)

        let sources = reconciliation.sources
        family(
            &text, "plesk_expected_source_up", .gauge,
            "Whether the last read of the billing source was used (1), or it was unreadable, empty, malformed or"
                + " implausibly shrunken (0): then no finding changes.",
            sources.map { ([("source", $0.name)], $0.up ? 1 : 0) })
        family(
            &text, "plesk_expected_source_rows", .gauge, "Rows of the billing source's last accepted read.",
            sources.compactMap { state in state.rows.map { ([("source", state.name)], Double($0)) } })
        family(
            &text, "plesk_expected_source_last_success_timestamp_seconds", .gauge,
            "When the billing source was last read and used, in Unix seconds.",
            sources.compactMap { state in
                state.lastSuccessAt.map { ([("source", state.name)], $0.timeIntervalSince1970) }
            })
    }
}
