/// A subscription (Plesk XML API `webspace`) as one `webspace get` result carries it, reduced to what the exporter
/// reads: `gen_info`, `subscriptions`, `limits` and `stat`.
///
/// `id` is `result/id`; the other identity fields come from `data/gen_info`. Usage (``usage``) is measured, not
/// identity: the poller never makes an event of it.
public struct PleskSubscription: Sendable, Hashable, Codable {
    public var id: Int
    public var guid: String
    /// `gen_info/name`: UTF-8, so an IDN name is in Unicode.
    public var name: String
    /// `gen_info/ascii-name` (punycode for an IDN).
    public var asciiName: String
    /// `gen_info/cr_date`, `YYYY-MM-DD`.
    public var created: String
    /// `gen_info/status`: a bit mask (0 active, 4 backup/restore, 16 by admin, 32 by reseller, 64 by customer,
    /// 256 expired; 1, 2, 8 other suspensions), kept raw (see `SubscriptionStatus` in InventoryModel).
    public var status: Int
    /// `gen_info/owner-id`, absent on some answers.
    public var ownerID: Int?
    /// `gen_info/owner-login`, sent for admin-owned subscriptions only.
    public var ownerLogin: String?
    /// `gen_info/htype`: `vrt_hst`, `std_fwd`, `frm_fwd` or `none`; kept as text.
    public var hostingType: String
    /// `gen_info/external-id`; nil when empty.
    public var externalID: String?
    /// Every `subscriptions/subscription/plan/plan-guid`, in the order received (service plan and add-ons; which is
    /// which only the plan lists tell).
    public var planGUIDs: [String]
    /// `subscriptions/subscription/locked`; nil when the subscription has no `<subscription>` element.
    public var locked: Bool?
    /// `subscriptions/subscription/synchronized`; nil when absent.
    public var synchronized: Bool?
    public var usage: PleskSubscriptionUsage

    public init(
        id: Int, guid: String, name: String, asciiName: String, created: String, status: Int, ownerID: Int?,
        ownerLogin: String?, hostingType: String, externalID: String?, planGUIDs: [String], locked: Bool?,
        synchronized: Bool?, usage: PleskSubscriptionUsage
    ) {
        self.id = id
        self.guid = guid
        self.name = name
        self.asciiName = asciiName
        self.created = created
        self.status = status
        self.ownerID = ownerID
        self.ownerLogin = ownerLogin
        self.hostingType = hostingType
        self.externalID = externalID
        self.planGUIDs = planGUIDs
        self.locked = locked
        self.synchronized = synchronized
        self.usage = usage
    }
}

/// What a subscription uses and may use: measured values that change without anyone changing the subscription.
public struct PleskSubscriptionUsage: Sendable, Hashable, Codable {
    /// `gen_info/real_size`, bytes on disk.
    public var diskBytes: Int64
    /// `stat/traffic`, bytes this month; nil without the `stat` dataset.
    public var trafficBytes: Int64?
    /// `stat/traffic_prevday`, bytes.
    public var trafficPreviousDayBytes: Int64?
    /// `limits/overuse`: `block`, `normal`, `notify`, `not_suspend`, `not_suspend_notify`.
    public var overuse: String?
    /// `limits/limit`: name → value (`-1` unlimited; `disk_space` and `max_traffic` in bytes, `expiration` a Unix
    /// time). Values that are not integers are left out.
    public var limits: [String: Int64]

    public init(
        diskBytes: Int64, trafficBytes: Int64? = nil, trafficPreviousDayBytes: Int64? = nil, overuse: String? = nil,
        limits: [String: Int64] = [:]
    ) {
        self.diskBytes = diskBytes
        self.trafficBytes = trafficBytes
        self.trafficPreviousDayBytes = trafficPreviousDayBytes
        self.overuse = overuse
        self.limits = limits
    }
}
