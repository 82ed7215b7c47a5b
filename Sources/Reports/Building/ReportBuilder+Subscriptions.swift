import Foundation
import InventoryModel

extension ReportBuilder {
    /// A target's subscriptions and service plans (SPEC §15), or nil when the target had never collected
    /// subscriptions by the period's end (switched off, an older database, or every XML API call failed so far).
    ///
    /// - Parameters:
    ///   - polls: the period's polls, oldest first.
    ///   - start: the inventory at `startAt`, the period's start or the target's baseline inside it.
    ///   - end: the inventory at the period's end.
    ///   - endPoll: the target's last successful poll at or before the period's end.
    func subscriptionReport(
        _ target: String, polls: [PollRecord], start: InventoryTally, startAt: Date, end: InventoryTally,
        endPoll: PollRecord?
    ) async throws -> SubscriptionReport? {
        let period = options.period
        guard let endPoll, endPoll.counts?.subscriptions != nil else { return nil }

        var startCounts = start.subscriptionCounts
        var startPoll = try await store.lastSuccessfulPoll(target: target, atOrBefore: startAt)
        var firstCollected: Date?
        if startPoll?.counts?.subscriptions == nil,
            let first = polls.first(where: {
                $0.result == .success && $0.counts?.subscriptions != nil && $0.finishedAt > startAt
            })
        {
            // Subscriptions were first collected inside the period: that is where their history starts, as a
            // target's baseline is (counting from the start would report all of them as growth).
            firstCollected = first.finishedAt
            startPoll = first
            startCounts = try await tally(target, at: first.finishedAt).subscriptionCounts
        }
        if startPoll?.counts?.plans == nil { startCounts.plans = nil }
        var endCounts = end.subscriptionCounts
        if endPoll.counts?.plans == nil { endCounts.plans = nil }

        let entries = end.subscriptions.map { subscription in
            SubscriptionEntry(
                key: subscription.key, name: subscription.name, plan: subscription.facts.planLabel,
                owner: subscription.facts.owner.flatMap { $0.isEmpty ? nil : $0 },
                states: subscription.facts.subscriptionStates)
        }
        let suspended = zip(entries, end.subscriptions).filter { $0.1.facts.isSuspended }.map(\.0)
        let expired = zip(entries, end.subscriptions).filter { $0.1.facts.isExpired }.map(\.0)

        // Disk per UTC day, at both ends: the same database and period always give the same figures, also for a
        // period long past (the latest usage would describe today, not the period's end).
        let endDisk = try await store.subscriptionDisk(target: target, at: period.end)
        let startDisk = try await store.subscriptionDisk(target: target, at: firstCollected ?? startAt)
        let disks = end.subscriptions.compactMap { subscription -> SubscriptionDisk? in
            guard let bytes = endDisk[subscription.key] else { return nil }
            return SubscriptionDisk(
                key: subscription.key, name: subscription.name, plan: subscription.facts.planLabel, diskBytes: bytes,
                growthBytes: startDisk[subscription.key].map { bytes - $0 })
        }
        let limit = max(options.topSubscriptions, 0)
        let largest = disks.sorted {
            $0.diskBytes != $1.diskBytes ? $0.diskBytes > $1.diskBytes : ($0.name, $0.key) < ($1.name, $1.key)
        }
        let growing = disks.filter { ($0.growthBytes ?? 0) > 0 }.sorted {
            let (a, b) = ($0.growthBytes ?? 0, $1.growthBytes ?? 0)
            return a != b ? a > b : ($0.name, $0.key) < ($1.name, $1.key)
        }
        return SubscriptionReport(
            firstCollected: firstCollected, start: startCounts, end: endCounts, suspended: suspended,
            expired: expired, largest: Array(largest.prefix(limit)), fastestGrowing: Array(growing.prefix(limit)),
            usageRecorded: !disks.isEmpty)
    }
}
