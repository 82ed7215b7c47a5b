import InventoryModel

/// How findings are made (`reconcile:`).
public struct ReconcileSettings: Sendable, Hashable {
    /// Findings these rules match are never opened (internal and test subscriptions).
    public var waivers: [FindingWaiver]
    /// A source read that lost more than this fraction of its rows is held (`max_shrink`).
    public var maxShrink: Double
    /// How many reads in a row must agree on a shrunken row count before it is believed (`confirm_reads`).
    public var confirmReads: Int

    public init(waivers: [FindingWaiver] = [], maxShrink: Double = 0.2, confirmReads: Int = 3) {
        self.waivers = waivers
        self.maxShrink = maxShrink
        self.confirmReads = confirmReads
    }

    /// Whether any waiver matches `finding`.
    public func isWaived(_ finding: Finding) -> Bool { waivers.contains { $0.matches(finding) } }
}

/// `reconcile.waive[]`: findings matching every given field are not opened.
public struct FindingWaiver: Sendable, Hashable {
    /// nil matches every kind.
    public var kind: FindingKind?
    /// Glob over the subscription's name (`*`, `?`, case-insensitive; IDN names in their `xn--` form); nil matches all.
    public var subscription: String?
    /// A configured target's name; nil matches all.
    public var target: String?

    public init(kind: FindingKind? = nil, subscription: String? = nil, target: String? = nil) {
        self.kind = kind
        self.subscription = subscription
        self.target = target
    }

    public func matches(_ finding: Finding) -> Bool {
        if let kind, kind != finding.kind { return false }
        if let target, target != finding.target { return false }
        if let pattern = subscription, !Glob.matches(pattern: pattern, finding.subscription) { return false }
        return true
    }
}
