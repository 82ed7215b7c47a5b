extension PleskSource {
    /// Decodes the whole list and fingerprints each object's canonical encoding: right for any source, fast for
    /// none. ``PleskAPIClient`` scans the bytes instead.
    public func scanDomains(known: KnownFingerprints) async throws -> ScannedList<PleskDomain> {
        ScannedList(elements: try await domains(), known: known)
    }

    public func scanClients(known: KnownFingerprints) async throws -> ScannedList<PleskClient> {
        ScannedList(elements: try await clients(), known: known)
    }

    public func scanSubscriptions(known: KnownFingerprints) async throws -> ScannedList<PleskSubscription> {
        ScannedList(elements: try await subscriptions(), known: known)
    }

    public func scanServicePlans(known: KnownFingerprints) async throws -> ScannedList<PleskServicePlan> {
        ScannedList(elements: try await servicePlans(), known: known)
    }
}
