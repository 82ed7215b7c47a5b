// Placeholder until the XML API client lands: every XML call fails as the API being unavailable.
extension PleskAPIClient {
    public func subscriptions() async throws -> [PleskSubscription] {
        throw PleskAPIError(reason: .other, target: target.name, endpoint: .subscriptions, detail: "not implemented")
    }

    public func servicePlans() async throws -> [PleskServicePlan] {
        throw PleskAPIError(reason: .other, target: target.name, endpoint: .servicePlans, detail: "not implemented")
    }
}
