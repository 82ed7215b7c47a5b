import InventoryModel

/// One subscription as a billing source states it.
public struct ExpectedRow: Sendable, Hashable {
    /// Lowercase IDNA ASCII (``SubscriptionName``).
    public var subscription: String
    public var status: ExpectedStatus
    /// The server it is on (a target's name or its Plesk hostname), lowercased; nil: any target.
    public var server: String?
    /// The owner's login in Plesk, as billing knows it.
    public var owner: String?
    /// The plan as billing names it.
    public var plan: String?
    /// Billing's own reference for the service.
    public var ref: String?
    /// The source's name (`expected[].name`).
    public var source: String
    /// Where the row came from, for messages: `file:line`, or the API's record.
    public var origin: String

    public init(
        subscription: String, status: ExpectedStatus, server: String? = nil, owner: String? = nil,
        plan: String? = nil, ref: String? = nil, source: String, origin: String = ""
    ) {
        self.subscription = subscription
        self.status = status
        self.server = server
        self.owner = owner
        self.plan = plan
        self.ref = ref
        self.source = source
        self.origin = origin
    }
}
