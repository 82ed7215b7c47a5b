/// The XML API calls (SPEC §15): every subscription and every service plan, one `get` each, streamed and fingerprinted
/// like the REST lists.
extension PleskAPIClient {
    /// `<webspace><get>` with the datasets the exporter reads: `gen_info`, `limits`, `stat`, `subscriptions`.
    static let subscriptionsPacket =
        #"<?xml version="1.0" encoding="UTF-8"?>"#
        + "<packet><webspace><get><filter/><dataset><gen_info/><limits/><stat/><subscriptions/></dataset></get>"
        + "</webspace></packet>"

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

    public func scanSubscriptions(known: KnownFingerprints) async throws -> ScannedList<PleskSubscription> {
        try await scanXML(.subscriptions, packet: Self.subscriptionsPacket, known: known)
    }

    public func scanServicePlans(known: KnownFingerprints) async throws -> ScannedList<PleskServicePlan> {
        try await scanXML(.servicePlans, packet: Self.servicePlansPacket, known: known)
    }
}
