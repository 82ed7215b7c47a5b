/// The XML API calls (SPEC §15): every subscription and every service plan, one `get` each, streamed and fingerprinted
/// like the REST lists.
extension PleskAPIClient {
    /// `<webspace><get>` of every subscription with `gen_info` and `subscriptions`: identity, status, owner, plans and
    /// disk size, the bytes each poll fingerprints.
    ///
    /// The usage datasets are not in it: `limits` and `stat` were two thirds of the answer (more on a real server,
    /// whose limit list is longer) and `stat` makes Plesk count every subscription's objects on each call. They are
    /// asked for separately (``subscriptionUsagePacket(ids:)``), for the subscriptions that need them.
    static let subscriptionsPacket =
        #"<?xml version="1.0" encoding="UTF-8"?>"#
        + "<packet><webspace><get><filter/><dataset><gen_info/><subscriptions/></dataset></get></webspace></packet>"

    /// `<webspace><get>` with `limits` and `stat` for the subscriptions `ids`, or for every subscription (nil).
    static func subscriptionUsagePacket(ids: [Int]?) -> String {
        let filter = ids.map { "<filter>" + $0.map { "<id>\($0)</id>" }.joined() + "</filter>" } ?? "<filter/>"
        return #"<?xml version="1.0" encoding="UTF-8"?>"#
            + "<packet><webspace><get>\(filter)<dataset><limits/><stat/></dataset></get></webspace></packet>"
    }

    /// `<service-plan><get>` with `owner-all`: without it Plesk lists the requester's plans only, and a reseller
    /// customer's plan guid would resolve to nothing.
    static let servicePlansPacket =
        #"<?xml version="1.0" encoding="UTF-8"?>"#
        + "<packet><service-plan><get><filter/><owner-all/></get></service-plan></packet>"

    public func subscriptions() async throws -> [PleskSubscription] {
        try await scanSubscriptions(known: .none).decodedElements
    }

    public func servicePlans() async throws -> [PleskServicePlan] {
        try await scanServicePlans(known: .none).decodedElements
    }

    /// The subscription list, fingerprinted by each result's `gen_info` and `subscriptions`; the subscriptions it
    /// decodes (those not `known`) get their limits and traffic from a second request. A known subscription's usage is
    /// not read: the poller reads every subscription's now and then (`collect.usage_refresh`).
    public func scanSubscriptions(known: KnownFingerprints) async throws -> ScannedList<PleskSubscription> {
        let list: ScannedList<PleskSubscription> = try await scanXML(
            .subscriptions, packet: Self.subscriptionsPacket, known: known)
        guard list.decodedCount > 0 else { return list }
        let ids = list.decodedElements.map(\.id)
        // An id filter as long as the list is no cheaper than the whole list: past half of it, all are asked for.
        let usage: ScannedList<PleskSubscriptionUsageResult> = try await scanXML(
            .subscriptionUsage, packet: Self.subscriptionUsagePacket(ids: ids.count * 2 > list.count ? nil : ids),
            known: .none)
        let byID = Dictionary(usage.decodedElements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try list.mapDecoded { subscription throws(PleskAPIError) in
            guard let found = byID[subscription.id] else {
                throw PleskAPIError(
                    reason: .api, target: target.name, endpoint: .subscriptionUsage, status: 200,
                    detail: "Plesk listed subscription id \(subscription.id) but returned no limits or traffic for it"
                        + " (removed during the poll?); the list is incomplete, so it is not used")
            }
            var subscription = subscription
            found.apply(to: &subscription.usage)
            return subscription
        }
    }

    public func scanServicePlans(known: KnownFingerprints) async throws -> ScannedList<PleskServicePlan> {
        try await scanXML(.servicePlans, packet: Self.servicePlansPacket, known: known)
    }
}
