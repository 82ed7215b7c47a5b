import Foundation

/// The two kinds of Plesk object the exporter tracks.
public enum ObjectKind: String, Sendable, Hashable, CaseIterable, Codable {
    case domain
    case client
}

/// What happened to an object between two complete polls.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable, Codable {
    case added
    case removed
    case modified
}

/// Outcome of one poll of one target.
public enum PollResult: String, Sendable, Hashable, Codable {
    case success
    case failure
}

/// One object as seen by a complete poll, in the form storage keeps it.
///
/// `fieldsJSON` is a canonical JSON object (sorted keys, no whitespace) produced by the Inventory module;
/// storage treats it as opaque text. `fieldsHash` is a stable 64-bit hash of that text, so a poll can be
/// diffed against the stored state without loading every object's fields.
public struct StoredObject: Sendable, Hashable {
    public var kind: ObjectKind
    /// Plesk guid, or `id:<n>` when the guid is missing.
    public var key: String
    /// Domain name, or client login.
    public var name: String
    public var fieldsJSON: String
    public var fieldsHash: Int64

    public init(kind: ObjectKind, key: String, name: String, fieldsJSON: String, fieldsHash: Int64) {
        self.kind = kind
        self.key = key
        self.name = name
        self.fieldsJSON = fieldsJSON
        self.fieldsHash = fieldsHash
    }
}

/// An object present at some time, with the interval its current version is valid for.
public struct InventoryEntry: Sendable, Hashable {
    public var object: StoredObject
    /// When this object was first seen (its first version's start).
    public var firstSeen: Date
    /// When the version returned here became valid.
    public var versionSince: Date

    public init(object: StoredObject, firstSeen: Date, versionSince: Date) {
        self.object = object
        self.firstSeen = firstSeen
        self.versionSince = versionSince
    }
}

/// The compact current state of one object, enough for diffing without its fields.
public struct CurrentObjectState: Sendable, Hashable {
    public var key: String
    public var name: String
    public var fieldsHash: Int64

    public init(key: String, name: String, fieldsHash: Int64) {
        self.key = key
        self.name = name
        self.fieldsHash = fieldsHash
    }
}

/// A removal the guard is holding back (SPEC §6).
public struct HeldRemoval: Sendable, Hashable {
    public var kind: ObjectKind
    public var key: String
    /// Complete polls in a row that have missed the object, counting the one that started the hold.
    public var missedPolls: Int

    public init(kind: ObjectKind, key: String, missedPolls: Int) {
        self.kind = kind
        self.key = key
        self.missedPolls = missedPolls
    }
}

/// A change event to be written with a poll.
public struct NewEvent: Sendable, Hashable {
    public var kind: ObjectKind
    public var change: ChangeKind
    public var key: String
    public var name: String
    public var baseline: Bool
    /// Sorted names of the fields that changed (empty for added/removed).
    public var changedFields: [String]
    /// Canonical JSON of the object's fields before/after (nil for added/removed respectively),
    /// restricted to changed fields for `modified`.
    public var beforeJSON: String?
    public var afterJSON: String?
    /// Set when an auto-acknowledge rule matched at detection time.
    public var acknowledgedBy: String?
    /// Ids of the webhooks this event is queued for (outbox rows written with the event).
    public var webhooks: [String]

    public init(
        kind: ObjectKind, change: ChangeKind, key: String, name: String, baseline: Bool = false,
        changedFields: [String] = [], beforeJSON: String? = nil, afterJSON: String? = nil, acknowledgedBy: String? = nil,
        webhooks: [String] = []
    ) {
        self.kind = kind
        self.change = change
        self.key = key
        self.name = name
        self.baseline = baseline
        self.changedFields = changedFields
        self.beforeJSON = beforeJSON
        self.afterJSON = afterJSON
        self.acknowledgedBy = acknowledgedBy
        self.webhooks = webhooks
    }
}

/// A stored change event.
public struct EventRecord: Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var pollID: Int64
    public var at: Date
    public var kind: ObjectKind
    public var change: ChangeKind
    public var key: String
    public var name: String
    public var baseline: Bool
    public var changedFields: [String]
    public var beforeJSON: String?
    public var afterJSON: String?
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var acknowledgeComment: String?

    public var acknowledged: Bool { acknowledgedAt != nil }

    public init(
        id: Int64, target: String, pollID: Int64, at: Date, kind: ObjectKind, change: ChangeKind, key: String,
        name: String, baseline: Bool, changedFields: [String], beforeJSON: String?, afterJSON: String?,
        acknowledgedAt: Date?, acknowledgedBy: String?, acknowledgeComment: String?
    ) {
        self.id = id
        self.target = target
        self.pollID = pollID
        self.at = at
        self.kind = kind
        self.change = change
        self.key = key
        self.name = name
        self.baseline = baseline
        self.changedFields = changedFields
        self.beforeJSON = beforeJSON
        self.afterJSON = afterJSON
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgeComment = acknowledgeComment
    }
}

/// Per-kind counts recorded with each successful poll (the source of `/api/v1/history`).
public struct PollCounts: Sendable, Hashable {
    public var domains: Int
    public var clients: Int
    public var aliases: Int
    /// Domains per hosting type, e.g. ["virtual": 10, "none": 2].
    public var domainsByHostingType: [String: Int]
    /// Clients per "type/status" bucket, e.g. ["customer/active": 4].
    public var clientsByTypeAndStatus: [String: Int]

    public init(
        domains: Int = 0, clients: Int = 0, aliases: Int = 0, domainsByHostingType: [String: Int] = [:],
        clientsByTypeAndStatus: [String: Int] = [:]
    ) {
        self.domains = domains
        self.clients = clients
        self.aliases = aliases
        self.domainsByHostingType = domainsByHostingType
        self.clientsByTypeAndStatus = clientsByTypeAndStatus
    }
}

/// A row of the poll log.
public struct PollRecord: Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var startedAt: Date
    public var finishedAt: Date
    public var result: PollResult
    /// Failure reason label (timeout, connect, tls, auth, http, decode, limit, other).
    public var errorReason: String?
    public var errorMessage: String?
    /// Present for successful polls.
    public var counts: PollCounts?
    public var baseline: Bool
    public var eventCount: Int
    public var heldDomains: Int
    public var heldClients: Int

    public init(
        id: Int64, target: String, startedAt: Date, finishedAt: Date, result: PollResult, errorReason: String?,
        errorMessage: String?, counts: PollCounts?, baseline: Bool, eventCount: Int, heldDomains: Int, heldClients: Int
    ) {
        self.id = id
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
        self.errorReason = errorReason
        self.errorMessage = errorMessage
        self.counts = counts
        self.baseline = baseline
        self.eventCount = eventCount
        self.heldDomains = heldDomains
        self.heldClients = heldClients
    }
}

/// Everything a complete poll writes, applied in one transaction.
public struct CompletePoll: Sendable {
    public var target: String
    public var startedAt: Date
    public var finishedAt: Date
    public var baseline: Bool
    public var counts: PollCounts
    /// Objects new to the target (first version).
    public var added: [StoredObject]
    /// Objects whose fields changed: closes the open version and opens a new one.
    public var modified: [StoredObject]
    /// Objects gone (released by the guard or removed outright): closes the open version.
    public var removed: [(kind: ObjectKind, key: String)]
    public var events: [NewEvent]
    /// The complete set of held removals for this target after this poll (replaces the stored set).
    public var held: [HeldRemoval]
    /// The server's meta (`/api/v2/server`) as JSON, kept with the target; nil leaves the stored one as it is.
    public var serverJSON: String?
    /// What the poller remembers of this poll's objects, per kind, kept with it (kinds absent keep theirs).
    public var memory: [ObjectKind: Data] = [:]

    public init(
        target: String, startedAt: Date, finishedAt: Date, baseline: Bool, counts: PollCounts,
        added: [StoredObject] = [], modified: [StoredObject] = [], removed: [(kind: ObjectKind, key: String)] = [],
        events: [NewEvent] = [], held: [HeldRemoval] = [], serverJSON: String? = nil
    ) {
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.baseline = baseline
        self.counts = counts
        self.added = added
        self.modified = modified
        self.removed = removed
        self.events = events
        self.held = held
        self.serverJSON = serverJSON
    }
}

/// Filters for reading events. `after` is a cursor: only events with a larger id. Results are ordered by id ascending.
public struct EventQuery: Sendable, Hashable {
    public var target: String?
    public var kind: ObjectKind?
    public var change: ChangeKind?
    public var key: String?
    public var since: Date?
    public var until: Date?
    public var acknowledged: Bool?
    /// Include baseline events (default true).
    public var includeBaseline: Bool
    public var after: Int64?
    public var limit: Int

    public init(
        target: String? = nil, kind: ObjectKind? = nil, change: ChangeKind? = nil, key: String? = nil,
        since: Date? = nil, until: Date? = nil, acknowledged: Bool? = nil, includeBaseline: Bool = true,
        after: Int64? = nil, limit: Int = 100
    ) {
        self.target = target
        self.kind = kind
        self.change = change
        self.key = key
        self.since = since
        self.until = until
        self.acknowledged = acknowledged
        self.includeBaseline = includeBaseline
        self.after = after
        self.limit = limit
    }
}

/// Summary of one target as stored.
public struct TargetRecord: Sendable, Hashable {
    public var name: String
    public var url: String
    public var lastPoll: PollRecord?
    public var lastSuccess: PollRecord?
    /// Set once the target's baseline poll has been committed.
    public var baselineAt: Date?

    /// The server's meta from the last complete poll that fetched it, as JSON.
    public var serverJSON: String?

    public init(
        name: String, url: String, lastPoll: PollRecord?, lastSuccess: PollRecord?, baselineAt: Date?,
        serverJSON: String? = nil
    ) {
        self.name = name
        self.url = url
        self.lastPoll = lastPoll
        self.lastSuccess = lastSuccess
        self.baselineAt = baselineAt
        self.serverJSON = serverJSON
    }
}

/// Counters that feed `plesk_inventory_changes_total` and `plesk_unacknowledged_changes`
/// (non-baseline events only), keyed per target/kind/change.
public struct EventTally: Sendable, Hashable {
    public var target: String
    public var kind: ObjectKind
    public var change: ChangeKind
    public var total: Int
    public var unacknowledged: Int

    public init(target: String, kind: ObjectKind, change: ChangeKind, total: Int, unacknowledged: Int) {
        self.target = target
        self.kind = kind
        self.change = change
        self.total = total
        self.unacknowledged = unacknowledged
    }
}
