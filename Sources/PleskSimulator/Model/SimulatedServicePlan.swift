/// A service plan or an add-on plan, as the XML API's `service-plan get` and `service-plan-addon get` serve it.
///
/// Plans belong to the administrator or to a reseller (a reseller's customers subscribe to the reseller's plans).
/// A subscription refers to its plans by ``guid``.
public struct SimulatedServicePlan: Sendable, Hashable, Identifiable {
    /// Which operator lists the plan: `service-plan` or `service-plan-addon`.
    public enum Kind: Sendable, Hashable {
        case service
        case addon
    }

    /// `limits/overuse`: what Plesk does when a subscription exceeds a limit.
    public struct Overuse: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { self.rawValue }

        public static let block: Self = "block"
        public static let normal: Self = "normal"
        public static let notify: Self = "notify"
        public static let notSuspend: Self = "not_suspend"
        public static let notSuspendNotify: Self = "not_suspend_notify"
    }

    /// Names of the limits clients read (any other name may be stored too).
    public enum Limit {
        /// Bytes.
        public static let diskSpace = "disk_space"
        /// Bytes per month.
        public static let maxTraffic = "max_traffic"
        public static let maxSite = "max_site"
        public static let maxSubdomains = "max_subdom"
        public static let maxDomainAliases = "max_dom_aliases"
        /// Bytes.
        public static let mailboxQuota = "mbox_quota"
        /// A Unix time.
        public static let expiration = "expiration"

        /// The value meaning "no limit".
        public static let unlimited: Int64 = -1

        /// The order limits are written in: these first, the others after them by name.
        static let order = [maxSite, maxSubdomains, maxDomainAliases, diskSpace, maxTraffic, mailboxQuota, expiration]

        static func ordered(_ limits: [String: Int64]) -> [(name: String, value: Int64)] {
            var result: [(name: String, value: Int64)] = []
            result.reserveCapacity(limits.count)
            for name in Self.order {
                if let value = limits[name] { result.append((name, value)) }
            }
            if result.count < limits.count {
                for name in limits.keys.sorted() where !Self.order.contains(name) {
                    result.append((name, limits[name]!))
                }
            }
            return result
        }
    }

    public var id: Int
    public var guid: String
    public var name: String
    /// The admin (``SimulatedClient/adminID``) or a reseller.
    public var ownerClientID: Int
    /// `external-id`; nil is served as an empty element.
    public var externalID: String?
    public var kind: Kind
    public var overuse: Overuse
    /// Limit name → value (``Limit/unlimited`` for none).
    public var limits: [String: Int64]

    public init(
        id: Int,
        guid: String,
        name: String,
        ownerClientID: Int = SimulatedClient.adminID,
        externalID: String? = nil,
        kind: Kind = .service,
        overuse: Overuse = .normal,
        limits: [String: Int64] = [:]
    ) {
        self.id = id
        self.guid = guid
        self.name = name
        self.ownerClientID = ownerClientID
        self.externalID = externalID
        self.kind = kind
        self.overuse = overuse
        self.limits = limits
    }
}
