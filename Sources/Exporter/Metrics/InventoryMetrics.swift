import Foundation
import InventoryModel

/// The inventory families, rebuilt from ``StatusSnapshot`` on every scrape: a label set that no longer exists
/// (a hosting type or client status nobody has any more, a removed target) simply is not written again.
enum InventoryMetrics {
    static let domainInfo = "plesk_domain_info"
    static let clientStatistics = "plesk_client_statistics"

    /// Appends every inventory family. Families with no sample are left out entirely.
    static func write(_ snapshot: StatusSnapshot, into text: inout MetricsText) {
        let targets = snapshot.targets
        let labels = targets.map(\.metricLabels)
        var tallies: [TallyKey: EventTally] = [:]
        for tally in snapshot.tallies {
            tallies[TallyKey(target: tally.target, kind: tally.kind, change: tally.change)] = tally
        }

        family(
            &text, "plesk_up", .gauge,
            "Whether the last poll of the target succeeded (1) or failed or has not happened yet (0).",
            targets.indices.map { (labels[$0], Double(targets[$0].up ? 1 : 0)) })

        family(
            &text, "plesk_domains", .gauge,
            "Domains by hosting type, cached from the last successful poll (a scrape never calls Plesk).",
            targets.indices.flatMap { i in
                (targets[i].counts?.domainsByHostingType ?? [:]).sorted { $0.key < $1.key }.map { type, count in
                    (labels[i] + [("hosting_type", type)], Double(count))
                }
            })

        family(
            &text, "plesk_domain_aliases", .gauge,
            "Domain aliases, cached from the last successful poll (absent on Plesk before 18.0.42, counted as 0).",
            targets.indices.compactMap { i in targets[i].counts.map { (labels[i], Double($0.aliases)) } })

        family(
            &text, "plesk_clients", .gauge,
            "Clients by account type and status, cached from the last successful poll.",
            targets.indices.flatMap { i in
                (targets[i].counts?.clientsByTypeAndStatus ?? [:]).sorted { $0.key < $1.key }.map { key, count in
                    let (type, status) = splitTypeAndStatus(key)
                    return (labels[i] + [("account_type", type), ("status", status)], Double(count))
                }
            })

        family(
            &text, "plesk_server_info", .gauge,
            "Plesk server facts (value 1), from the last poll in this process that read /api/v2/server.",
            targets.indices.compactMap { i in
                targets[i].serverInfo.map { info in
                    (
                        labels[i] + [
                            ("hostname", info.hostname), ("panel_version", info.panelVersion),
                            ("platform", info.platform),
                        ], 1
                    )
                }
            })

        family(
            &text, "plesk_inventory_changes_total", .counter,
            "Change events detected, baseline excluded (from the database, so it survives restarts).",
            changeSeries(targets, labels) { tallies[$0]?.total ?? 0 })

        family(
            &text, "plesk_unacknowledged_changes", .gauge,
            "Change events not acknowledged yet, baseline excluded (from the database).",
            changeSeries(targets, labels) { tallies[$0]?.unacknowledged ?? 0 })

        let index = Dictionary(uniqueKeysWithValues: targets.indices.map { (targets[$0].name, $0) })
        family(
            &text, "plesk_unacknowledged_change_info", .gauge,
            "One series (value 1) per unacknowledged change naming it, the newest \(ExporterStatus.unacknowledgedInfoLimit)"
                + " per target, object and change; acknowledging the event removes its series.",
            snapshot.unacknowledgedEvents.compactMap { event in
                index[event.target].map { i in
                    (
                        labels[i] + [
                            ("object", event.kind.rawValue), ("change", event.change.rawValue), ("name", event.name),
                            ("event_id", String(event.id)),
                        ], 1
                    )
                }
            })

        family(
            &text, "plesk_removals_held", .gauge,
            "Removals held back by the removal guard after the last successful poll.",
            targets.indices.flatMap { i -> [([(String, String)], Double)] in
                guard let poll = targets[i].lastSuccess else { return [] }
                return targets[i].collectedKinds.map { kind in
                    (labels[i] + [("object", kind.rawValue)], Double(poll.held(kind)))
                }
            })

        family(
            &text, "plesk_last_poll_timestamp_seconds", .gauge,
            "When the last poll of the target finished (success or failure), in Unix seconds.",
            targets.indices.compactMap { i in
                targets[i].lastPoll.map { (labels[i], $0.finishedAt.timeIntervalSince1970) }
            })

        family(
            &text, "plesk_last_successful_poll_timestamp_seconds", .gauge,
            "When the last successful poll of the target finished, in Unix seconds.",
            targets.indices.compactMap { i in
                targets[i].lastSuccess.map { (labels[i], $0.finishedAt.timeIntervalSince1970) }
            })

        if snapshot.domainInfoEnabled, targets.contains(where: { !$0.domainInfoSamples.isEmpty }) {
            text.family(
                domainInfo, type: .gauge,
                help: "One series (value 1) per domain, cached from the last successful poll (metrics.domain_info).")
            for target in targets {
                text.appendRaw(target.domainInfoSamples)
            }
        }
        clientStatisticsFamily(&text, targets)
        writeSubscriptions(snapshot, labels: labels, into: &text)
        writeReconciliation(snapshot, into: &text)
    }

    /// Present only for targets with `collect.client_statistics`, rendered once per successful poll.
    private static func clientStatisticsFamily(_ text: inout MetricsText, _ targets: [TargetStatus]) {
        guard targets.contains(where: { !$0.clientStatisticsSamples.isEmpty }) else { return }
        text.family(
            clientStatistics, type: .gauge,
            help: "Counters of /api/v2/clients/{id}/statistics per client (disk_space and traffic in bytes), cached"
                + " from the last successful poll (collect.client_statistics).")
        for target in targets {
            text.appendRaw(target.clientStatisticsSamples)
        }
    }

    /// Every target × object × change, zero when nothing happened, so `increase()` and alerts work from the start.
    private static func changeSeries(
        _ targets: [TargetStatus], _ labels: [[(String, String)]], value: (TallyKey) -> Int
    ) -> [([(String, String)], Double)] {
        targets.indices.flatMap { i in
            ObjectKind.allCases.flatMap { kind in
                ChangeKind.allCases.map { change in
                    (
                        labels[i] + [("object", kind.rawValue), ("change", change.rawValue)],
                        Double(value(TallyKey(target: targets[i].name, kind: kind, change: change)))
                    )
                }
            }
        }
    }

    static func family(
        _ text: inout MetricsText, _ name: String, _ type: MetricsText.MetricType, _ help: String,
        _ samples: [([(String, String)], Double)]
    ) {
        guard !samples.isEmpty else { return }
        text.family(name, type: type, help: help)
        for (labels, value) in samples {
            text.sample(name, labels, value)
        }
    }

    /// `"customer/active"` → (`customer`, `active`); a key without a slash keeps status `other`.
    static func splitTypeAndStatus(_ key: String) -> (type: String, status: String) {
        guard let slash = key.firstIndex(of: "/") else { return (key, "other") }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }

    struct TallyKey: Hashable {
        var target: String
        var kind: ObjectKind
        var change: ChangeKind
    }
}
