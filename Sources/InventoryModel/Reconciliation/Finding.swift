/// One difference between what billing expects and what a Plesk server has. Identified by target, kind and
/// subscription: the same difference found again is the same finding, still open.
public struct Finding: Sendable, Hashable, Codable {
    public var kind: FindingKind
    /// The target it was found on; empty for a `missing` subscription whose row names no server (expected on some
    /// target, found on none).
    public var target: String
    /// The subscription's name, lowercase IDNA ASCII.
    public var subscription: String
    /// The expected source that names it (empty for `unbilled`: none does).
    public var source: String
    /// The billing system's reference (service id, order number), when the source has one.
    public var ref: String?
    /// Billing's side of the difference (a status, plan or owner), when it has one.
    public var expected: String?
    /// Plesk's side.
    public var actual: String?

    public init(
        kind: FindingKind, target: String, subscription: String, source: String = "", ref: String? = nil,
        expected: String? = nil, actual: String? = nil
    ) {
        self.kind = kind
        self.target = target
        self.subscription = subscription
        self.source = source
        self.ref = ref
        self.expected = expected
        self.actual = actual
    }

    /// What identifies the finding across evaluations.
    public var identity: FindingIdentity { FindingIdentity(kind: kind, target: target, subscription: subscription) }
}

/// A finding's identity: the same kind on the same target for the same subscription.
public struct FindingIdentity: Sendable, Hashable, Codable, Comparable {
    public var kind: FindingKind
    public var target: String
    public var subscription: String

    public init(kind: FindingKind, target: String, subscription: String) {
        self.kind = kind
        self.target = target
        self.subscription = subscription
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.target, lhs.subscription, lhs.kind.rawValue) < (rhs.target, rhs.subscription, rhs.kind.rawValue)
    }
}
