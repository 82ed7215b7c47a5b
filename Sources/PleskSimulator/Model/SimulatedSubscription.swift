/// What the XML API's `webspace` knows about a subscription beyond its main domain.
///
/// A subscription *is* a top-level REST domain (`base_domain_id` 0): ``id`` is that domain's id, and its name,
/// ASCII name, guid, creation date, hosting type and owner are read from the domain, never copied, so renaming,
/// moving or removing the domain changes the subscription by construction. The webspace guid is the main domain's
/// guid, as in Plesk, where a subscription is stored as its main domain's row (the reference is silent on this).
/// Add-on domains and subdomains are the domains whose `base_domain_id` is the subscription's id.
public struct SimulatedSubscription: Sendable, Hashable, Identifiable {
    /// `gen_info/status`: a bit mask; 0 is active, several bits may be set at once (272 = expired and disabled by
    /// the administrator).
    public struct Status: OptionSet, Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
        public var rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public init(integerLiteral value: Int) { self.rawValue = value }
        public var description: String { String(self.rawValue) }

        public static let active: Self = 0
        public static let suspended: Self = 1
        public static let suspendedWithParent: Self = 2
        /// Transient: a backup or restore is running.
        public static let underBackupRestore: Self = 4
        public static let webServiceSuspended: Self = 8
        public static let disabledByAdmin: Self = 16
        public static let disabledByReseller: Self = 32
        public static let disabledByCustomer: Self = 64
        public static let expired: Self = 256

        /// The bits that mean "switched off by someone".
        public static let suspensions: Self = [
            .suspended, .suspendedWithParent, .webServiceSuspended, .disabledByAdmin, .disabledByReseller,
            .disabledByCustomer,
        ]

        /// What REST `GET /domains/{id}/status` says of the main domain: `disabled` when only the customer (or the
        /// web service) switched it off, `suspended` for any other suspension or expiry, else `active` (a backup in
        /// progress does not stop a site).
        public var restStatus: SimulatedDomain.Status {
            if !self.isDisjoint(with: [.suspended, .suspendedWithParent, .disabledByAdmin, .disabledByReseller]) {
                return .suspended
            }
            if !self.isDisjoint(with: [.disabledByCustomer, .webServiceSuspended]) { return .disabled }
            return self.contains(.expired) ? .suspended : .active
        }

        /// This status after the main domain's REST status was set: unchanged when it already reads that way (272
        /// stays 272 when set to `suspended`), else the plainest status that does (the backup bit is kept).
        public func adjusted(toREST rest: SimulatedDomain.Status) -> Status {
            if self.restStatus == rest { return self }
            let kept = self.intersection(.underBackupRestore)
            switch rest {
            case .active: return kept
            case .disabled: return kept.union(.disabledByCustomer)
            default: return kept.union(.disabledByAdmin)
            }
        }

        /// The status a subscription gets from its main domain's REST status alone.
        public init(rest: SimulatedDomain.Status) {
            self = Status.active.adjusted(toREST: rest)
        }
    }

    /// Who suspends (or unsuspends) a subscription, and the status bit that records it.
    public enum Suspender: Sendable, Hashable, CaseIterable {
        case admin
        case reseller
        case customer

        public var bit: Status {
            switch self {
            case .admin: .disabledByAdmin
            case .reseller: .disabledByReseller
            case .customer: .disabledByCustomer
            }
        }
    }

    /// Measured figures: they change without anyone changing the subscription.
    public struct Usage: Sendable, Hashable {
        /// `gen_info/real_size`, bytes on disk (split over `disk_usage`'s areas).
        public var diskBytes: Int64
        /// `stat/traffic`, bytes this month.
        public var trafficBytes: Int64
        /// `stat/traffic_prevday`, bytes.
        public var trafficPreviousDayBytes: Int64

        public init(diskBytes: Int64 = 0, trafficBytes: Int64 = 0, trafficPreviousDayBytes: Int64 = 0) {
            self.diskBytes = diskBytes
            self.trafficBytes = trafficBytes
            self.trafficPreviousDayBytes = trafficPreviousDayBytes
        }
    }

    /// The main domain's id (also the webspace id).
    public var id: Int
    public var status: Status
    /// The service plan's guid; nil for a custom subscription (served as `<subscriptions/>`).
    public var servicePlanGUID: String?
    /// Add-on plans, served after the service plan (only with one).
    public var addonPlanGUIDs: [String]
    /// Not updated when its plan changes.
    public var locked: Bool
    /// In line with its plan.
    public var synchronized: Bool
    /// `gen_info/external-id`; nil is served as an empty element.
    public var externalID: String?
    public var usage: Usage
    /// Limits that differ from the plan's (name → value, -1 unlimited); the plan's apply to every other name.
    public var limitOverrides: [String: Int64]
    /// Overrides the plan's `overuse` when set.
    public var overuseOverride: SimulatedServicePlan.Overuse?
    /// `gen_info/dns_ip_address`: one IPv4 address, optionally an IPv6 one.
    public var ipAddresses: [String]

    public init(
        id: Int,
        status: Status = .active,
        servicePlanGUID: String? = nil,
        addonPlanGUIDs: [String] = [],
        locked: Bool = false,
        synchronized: Bool = true,
        externalID: String? = nil,
        usage: Usage = Usage(),
        limitOverrides: [String: Int64] = [:],
        overuseOverride: SimulatedServicePlan.Overuse? = nil,
        ipAddresses: [String]? = nil
    ) {
        self.id = id
        self.status = status
        self.servicePlanGUID = servicePlanGUID
        self.addonPlanGUIDs = addonPlanGUIDs
        self.locked = locked
        self.synchronized = synchronized
        self.externalID = externalID
        self.usage = usage
        self.limitOverrides = limitOverrides
        self.overuseOverride = overuseOverride
        self.ipAddresses = ipAddresses ?? Self.defaultAddresses(id: id)
    }

    /// A documentation-range address derived from the id, and an IPv6 one for every third subscription.
    static func defaultAddresses(id: Int) -> [String] {
        let ipv4 = "203.0.113.\(1 + id % 254)"
        return id % 3 == 0 ? [ipv4, "2001:db8::\(String(1 + id % 65_534, radix: 16))"] : [ipv4]
    }
}
