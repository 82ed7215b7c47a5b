import InventoryModel

extension InventoryMetrics {
    /// The opt-in per-subscription families (`metrics.subscription_usage`), in the order their samples are kept.
    static let subscriptionUsageFamilies: [(name: String, help: String)] = [
        ("plesk_subscription_disk_usage_bytes", "Bytes on disk per subscription (metrics.subscription_usage)."),
        (
            "plesk_subscription_traffic_bytes",
            "Traffic this month per subscription, bytes (metrics.subscription_usage)."
        ),
        (
            "plesk_subscription_disk_limit_bytes",
            "Disk limit per subscription, bytes; absent when unlimited (metrics.subscription_usage)."
        ),
    ]

    /// The families of subscriptions and service plans (SPEC §15), and each kind's collection state.
    static func writeSubscriptions(_ snapshot: StatusSnapshot, labels: [[(String, String)]], into text: inout MetricsText) {
        let targets = snapshot.targets
        family(
            &text, "plesk_collect_up", .gauge,
            "Whether the last poll collected the kind (1) or not (0): an XML API kind fails alone, its last state kept.",
            targets.indices.flatMap { i in
                targets[i].collectedKinds.compactMap { kind in
                    targets[i].collectUp(kind).map { (labels[i] + [("kind", kind.rawValue)], $0 ? 1.0 : 0.0) }
                }
            })

        family(
            &text, "plesk_subscriptions", .gauge,
            "Subscriptions by status (the first that holds of expired, suspended_by_admin, suspended_by_reseller,"
                + " suspended_by_customer, suspended, backup_restore, active) and service plan, last known.",
            targets.indices.flatMap { i in
                guard targets[i].collectedKinds.contains(.subscription), targets[i].counts?.subscriptions != nil
                else { return [([(String, String)], Double)]() }
                return targets[i].subscriptionBreakdown.map { bucket in
                    (labels[i] + [("status", bucket.status), ("plan", bucket.plan)], Double(bucket.count))
                }
            })

        family(
            &text, "plesk_service_plans", .gauge, "Service plans of every owner, last known.",
            targets.indices.compactMap { i in
                guard targets[i].collectedKinds.contains(.plan), let plans = targets[i].counts?.plans else { return nil }
                return (labels[i], Double(plans))
            })

        family(
            &text, "plesk_subscriptions_over_limit", .gauge,
            "Subscriptions whose disk or traffic is over its limit, last known.",
            targets.indices.compactMap { i in
                guard targets[i].collectedKinds.contains(.subscription),
                    let over = targets[i].counts?.subscriptionsOverLimit
                else { return nil }
                return (labels[i], Double(over))
            })

        family(
            &text, "plesk_subscription_over_limit_info", .gauge,
            "One series (value 1) per subscription and exceeded limit (disk_space, max_traffic), the first"
                + " \(ExporterStatus.overLimitInfoLimit) per target by name.",
            targets.indices.flatMap { i in
                targets[i].overLimit.flatMap { usage in
                    usage.overLimits.map { limit in
                        (
                            labels[i] + [("subscription", usage.name), ("plan", usage.plan), ("limit", limit)],
                            1.0
                        )
                    }
                }
            })

        let transitions = Dictionary(
            snapshot.transitions.map { ("\($0.target)\u{0}\($0.transition.rawValue)", $0.total) },
            uniquingKeysWith: +)
        family(
            &text, "plesk_subscription_transitions_total", .counter,
            "What modified subscriptions did, baseline excluded: suspended, unsuspended, expired, renewed,"
                + " plan_changed, owner_changed (from the database, so it survives restarts).",
            targets.indices.flatMap { i in
                guard targets[i].collectedKinds.contains(.subscription) else { return [([(String, String)], Double)]() }
                return SubscriptionTransition.allCases.map { transition in
                    (
                        labels[i] + [("transition", transition.rawValue)],
                        Double(transitions["\(targets[i].name)\u{0}\(transition.rawValue)"] ?? 0)
                    )
                }
            })

        guard snapshot.subscriptionUsageEnabled, targets.contains(where: { !$0.usageSamples.isEmpty }) else { return }
        for (index, family) in subscriptionUsageFamilies.enumerated() {
            text.family(family.name, type: .gauge, help: family.help)
            for target in targets where index < target.usageSamples.count {
                text.appendRaw(target.usageSamples[index])
            }
        }
    }
}
