import InventoryModel

/// Counts what happened to subscriptions in a poll's events (``SubscriptionTransition``): the counter alerts read
/// to tell a suspension or a plan change from any other modification.
enum SubscriptionTransitions {
    static func count(_ events: [NewEvent]) -> [SubscriptionTransition: Int] {
        var counts: [SubscriptionTransition: Int] = [:]
        for event in events where event.kind == .subscription && event.change == .modified && !event.baseline {
            for transition in transitions(event) { counts[transition, default: 0] += 1 }
        }
        return counts
    }

    /// The transitions of one `modified` event (its before/after hold only the changed fields).
    static func transitions(_ event: NewEvent) -> [SubscriptionTransition] {
        let before = event.beforeJSON.flatMap(JSONValue.parse)?.objectValue ?? [:]
        let after = event.afterJSON.flatMap(JSONValue.parse)?.objectValue ?? [:]
        var result: [SubscriptionTransition] = []
        if case .int(let old)? = before["status"], case .int(let new)? = after["status"] {
            let (wasSuspended, isSuspended) = (SubscriptionStatus.isSuspended(old), SubscriptionStatus.isSuspended(new))
            if !wasSuspended, isSuspended { result.append(.suspended) }
            if wasSuspended, !isSuspended { result.append(.unsuspended) }
            let (wasExpired, isExpired) = (SubscriptionStatus.isExpired(old), SubscriptionStatus.isExpired(new))
            if !wasExpired, isExpired { result.append(.expired) }
            if wasExpired, !isExpired { result.append(.renewed) }
        }
        if event.changedFields.contains("plan_guid") { result.append(.planChanged) }
        if event.changedFields.contains("owner_id") || event.changedFields.contains("owner") {
            result.append(.ownerChanged)
        }
        return result
    }
}
