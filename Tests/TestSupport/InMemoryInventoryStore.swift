import Foundation
import InventoryModel

/// A store kept in memory: every seam of ``InventoryStore`` with the SQLite store's rules (versions valid over
/// `[from, to)`, a return after removal starts a new life, event ids never reused, baseline events born acknowledged
/// by the caller, times kept to the millisecond), in plain arrays. The poller and the HTTP API are tested against it
/// as well as against SQLite, so their tests say what they rely on from the seam, not from SQL.
public actor InMemoryInventoryStore: InventoryStore {
    struct Target {
        var url: String
        var baselineAt: Date?
        var lastPoll: Int64?
        var lastSuccess: Int64?
        var serverJSON: String?
        var memory: [ObjectKind: Data] = [:]
        var usageReadAt: Date?
        var held: [HeldRemoval] = []
        var baselinedKinds: Set<ObjectKind> = []
        var usage: [String: SubscriptionUsageRecord] = [:]
        var transitions: [SubscriptionTransition: Int] = [:]
        var breakdown: [SubscriptionBucket] = []
        /// key → day → disk bytes.
        var diskHistory: [String: [Int64: Int64]] = [:]
    }

    struct Version {
        var target: String
        var object: StoredObject
        var firstSeen: Date
        var from: Date
        var to: Date?
    }

    var targetsByName: [String: Target] = [:]
    var pollLog: [PollRecord] = []
    var versions: [Version] = []
    var eventLog: [EventRecord] = []
    let memoryKey: PollMemoryKey

    public init(fingerprintKey: PollMemoryKey = PollMemoryKey(k0: 0x0123_4567_89ab_cdef, k1: 0xfedc_ba98_7654_3210)) {
        memoryKey = fingerprintKey
    }

    /// Times as the SQLite store keeps them: whole milliseconds.
    static func stored(_ date: Date) -> Date { Date(unixMilliseconds: date.unixMilliseconds) }

    // MARK: PollWriter

    public func registerTarget(name: String, url: String) {
        if targetsByName[name] == nil {
            targetsByName[name] = Target(url: url)
        } else {
            targetsByName[name]!.url = url
        }
    }

    public func hasBaseline(target: String) -> Bool { targetsByName[target]?.baselineAt != nil }

    public func baselinedKinds(target: String) -> Set<ObjectKind> { targetsByName[target]?.baselinedKinds ?? [] }

    @discardableResult
    public func commit(_ poll: CompletePoll) -> (poll: PollRecord, events: [EventRecord]) {
        if targetsByName[poll.target] == nil { targetsByName[poll.target] = Target(url: "") }
        let at = Self.stored(poll.finishedAt)
        let held = Dictionary(grouping: poll.held, by: \.kind).mapValues(\.count)
        let record = PollRecord(
            id: Int64(pollLog.count + 1), target: poll.target, startedAt: Self.stored(poll.startedAt), finishedAt: at,
            result: .success, errorReason: nil, errorMessage: nil, counts: poll.counts, baseline: poll.baseline,
            eventCount: poll.eventCount, heldDomains: held[.domain] ?? 0, heldClients: held[.client] ?? 0,
            heldSubscriptions: held[.subscription] ?? 0, heldPlans: held[.plan] ?? 0, failedKinds: poll.failedKinds)
        pollLog.append(record)
        for object in poll.modified {
            let firstSeen = close(poll.target, object.kind, object.key, at: at) ?? at
            versions.append(Version(target: poll.target, object: object, firstSeen: firstSeen, from: at))
        }
        for removal in poll.removed { _ = close(poll.target, removal.kind, removal.key, at: at) }
        for object in poll.added {
            let firstSeen = close(poll.target, object.kind, object.key, at: at) ?? at
            versions.append(Version(target: poll.target, object: object, firstSeen: firstSeen, from: at))
        }
        var stored: [EventRecord] = []
        for event in poll.allEvents {
            let record = EventRecord(
                id: Int64(eventLog.count + 1), target: poll.target, pollID: record.id, at: at, kind: event.kind,
                change: event.change, key: event.key, name: event.name, baseline: event.baseline,
                changedFields: event.changedFields, beforeJSON: event.beforeJSON, afterJSON: event.afterJSON,
                acknowledgedAt: event.acknowledgedBy == nil ? nil : at, acknowledgedBy: event.acknowledgedBy,
                acknowledgeComment: nil)
            eventLog.append(record)
            stored.append(record)
        }
        targetsByName[poll.target]!.memory.merge(poll.memory) { _, new in new }
        if let readAt = poll.usageReadAt { targetsByName[poll.target]!.usageReadAt = readAt }
        targetsByName[poll.target]!.held = poll.held
        targetsByName[poll.target]!.lastPoll = record.id
        targetsByName[poll.target]!.lastSuccess = record.id
        if poll.baseline, targetsByName[poll.target]!.baselineAt == nil { targetsByName[poll.target]!.baselineAt = at }
        if let server = poll.serverJSON { targetsByName[poll.target]!.serverJSON = server }
        targetsByName[poll.target]!.baselinedKinds.formUnion(poll.collectedKinds)
        for key in poll.usageRemoved { targetsByName[poll.target]!.usage[key] = nil }
        for usage in poll.usage {
            targetsByName[poll.target]!.usage[usage.key] = usage
            targetsByName[poll.target]!.diskHistory[usage.key, default: [:]][at.unixMilliseconds / 86_400_000] =
                usage.diskBytes
        }
        targetsByName[poll.target]!.transitions.merge(poll.transitions, uniquingKeysWith: +)
        if let breakdown = poll.subscriptionBreakdown { targetsByName[poll.target]!.breakdown = breakdown.sorted() }
        return (record, stored)
    }

    /// Closes the open version; returns its first-seen time.
    private func close(_ target: String, _ kind: ObjectKind, _ key: String, at: Date) -> Date? {
        guard let index = versions.firstIndex(where: { $0.isOpen(target, kind, key) }) else { return nil }
        versions[index].to = at
        return versions[index].firstSeen
    }

    @discardableResult
    public func recordFailure(target: String, startedAt: Date, finishedAt: Date, reason: String, message: String)
        -> PollRecord
    {
        if targetsByName[target] == nil { targetsByName[target] = Target(url: "") }
        let record = PollRecord(
            id: Int64(pollLog.count + 1), target: target, startedAt: Self.stored(startedAt),
            finishedAt: Self.stored(finishedAt), result: .failure, errorReason: reason, errorMessage: message,
            counts: nil, baseline: false, eventCount: 0, heldDomains: 0, heldClients: 0)
        pollLog.append(record)
        targetsByName[target]!.lastPoll = record.id
        return record
    }

    public func currentObjects(target: String, kind: ObjectKind) -> [CurrentObjectState] {
        versions.filter { $0.target == target && $0.object.kind == kind && $0.to == nil }.map(\.state)
    }

    public func currentObjects(target: String, kind: ObjectKind, keys: [String]) -> [CurrentObjectState] {
        let wanted = Set(keys)
        return currentObjects(target: target, kind: kind).filter { wanted.contains($0.key) }
    }

    public func currentFields(target: String, kind: ObjectKind, keys: [String]) -> [String: String] {
        let wanted = Set(keys)
        var fields: [String: String] = [:]
        for version in versions
        where version.target == target && version.object.kind == kind && version.to == nil
            && wanted.contains(version.object.key)
        {
            fields[version.object.key] = version.object.fieldsJSON
        }
        return fields
    }

    public func heldRemovals(target: String) -> [HeldRemoval] { targetsByName[target]?.held ?? [] }

    public func releaseMemory() {}

    public func prunePolls(before: Date) -> Int {
        let keep = Set(targetsByName.values.flatMap { [$0.lastPoll, $0.lastSuccess].compactMap { $0 } })
        let count = pollLog.count
        pollLog.removeAll { $0.finishedAt < before && $0.eventCount == 0 && !keep.contains($0.id) }
        return count - pollLog.count
    }

    // MARK: PollMemoryStore

    public func pollMemory(target: String) -> [ObjectKind: Data] { targetsByName[target]?.memory ?? [:] }

    public func fingerprintKey() -> PollMemoryKey { memoryKey }

    public func usageReadAt(target: String) -> Date? { targetsByName[target]?.usageReadAt }

    // MARK: HistoryReader

    public func targets() -> [TargetRecord] {
        targetsByName.keys.sorted().map { name in
            let target = targetsByName[name]!
            return TargetRecord(
                name: name, url: target.url, lastPoll: target.lastPoll.flatMap(poll(id:)),
                lastSuccess: target.lastSuccess.flatMap(poll(id:)), baselineAt: target.baselineAt,
                serverJSON: target.serverJSON, subscriptionBreakdown: target.breakdown)
        }
    }

    public func subscriptionDisk(target: String, at: Date) -> [String: Int64] {
        let day = at.unixMilliseconds / 86_400_000
        return (targetsByName[target]?.diskHistory ?? [:]).compactMapValues { days in
            days.filter { $0.key <= day }.max { $0.key < $1.key }?.value
        }
    }

    public func transitionTallies() -> [TransitionTally] {
        targetsByName.keys.sorted().flatMap { target in
            targetsByName[target]!.transitions.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                TransitionTally(target: target, transition: $0.key, total: $0.value)
            }
        }
    }

    public func subscriptionUsage(target: String?, overLimitOnly: Bool, limit: Int?)
        -> [(target: String, usage: SubscriptionUsageRecord)]
    {
        targetsByName.keys.sorted().filter { target == nil || $0 == target }.flatMap { name in
            let rows = targetsByName[name]!.usage.values
                .filter { !overLimitOnly || !$0.overLimits.isEmpty }
                .sorted { ($0.name, $0.key) < ($1.name, $1.key) }
            return rows.prefix(limit ?? rows.count).map { (target: name, usage: $0) }
        }
    }

    private func poll(id: Int64) -> PollRecord? { pollLog.first { $0.id == id } }

    public func inventory(target: String?, kind: ObjectKind?, at: Date?) -> [(target: String, entry: InventoryEntry)] {
        let time = at.map(Self.stored)
        return versions.filter { version in
            (target == nil || version.target == target) && (kind == nil || version.object.kind == kind)
                && (time.map { time in version.from <= time && (version.to.map { $0 > time } ?? true) }
                    ?? (version.to == nil))
        }
        .sorted {
            ($0.target, $0.object.name, $0.object.kind.rawValue) < ($1.target, $1.object.name, $1.object.kind.rawValue)
        }
        .map { ($0.target, InventoryEntry(object: $0.object, firstSeen: $0.firstSeen, versionSince: $0.from)) }
    }

    public func heldRemovals(target: String, at: Date) -> HeldRemovalsAt {
        guard let poll = lastSuccessfulPoll(target: target, atOrBefore: at) else {
            return HeldRemovalsAt(poll: nil, domains: 0, clients: 0, objects: [])
        }
        var objects: [HeldRemovalsAt.Object]?
        if poll.id == targetsByName[target]?.lastSuccess {
            let open = versions.filter { $0.target == target && $0.to == nil }
            objects = heldRemovals(target: target).map { held in
                let name = open.first { $0.object.kind == held.kind && $0.object.key == held.key }?.object.name ?? ""
                return HeldRemovalsAt.Object(kind: held.kind, key: held.key, name: name, missedPolls: held.missedPolls)
            }
            .sorted { ($0.kind.rawValue, $0.name, $0.key) < ($1.kind.rawValue, $1.name, $1.key) }
        } else if poll.heldDomains + poll.heldClients == 0 {
            objects = []
        }
        return HeldRemovalsAt(poll: poll, domains: poll.heldDomains, clients: poll.heldClients, objects: objects)
    }

    public func events(_ query: EventQuery) -> [EventRecord] {
        guard query.limit > 0 else { return [] }
        return Array(
            eventLog.lazy.filter { event in
                Self.matches(event, query, untilIncluded: true) && (query.key.map { $0 == event.key } ?? true)
                    && (query.acknowledged.map { $0 == event.acknowledged } ?? true)
                    && (query.includeBaseline || !event.baseline) && (query.after.map { event.id > $0 } ?? true)
            }
            .prefix(query.limit))
    }

    /// Target, kind, change and the time window: `since` included; `until` included by a listing, excluded by the
    /// baseline count (as the SQLite store does).
    private static func matches(_ event: EventRecord, _ query: EventQuery, untilIncluded: Bool = false) -> Bool {
        (query.target.map { $0 == event.target } ?? true) && (query.kind.map { $0 == event.kind } ?? true)
            && (query.change.map { $0 == event.change } ?? true) && (query.since.map { event.at >= stored($0) } ?? true)
            && (query.until.map { untilIncluded ? event.at <= stored($0) : event.at < stored($0) } ?? true)
    }

    public func event(id: Int64) -> EventRecord? { eventLog.first { $0.id == id } }

    public func baselineEventCount(_ query: EventQuery) -> Int {
        eventLog.count { $0.baseline && Self.matches($0, query) }
    }

    public func newestUnacknowledgedEvents(limitPerKind limit: Int) -> [EventRecord] {
        var taken: [String: Int] = [:]
        return eventLog.reversed().filter { event in
            guard !event.baseline, !event.acknowledged else { return false }
            let group = "\(event.target)/\(event.kind)/\(event.change)"
            taken[group, default: 0] += 1
            return taken[group]! <= limit
        }
    }

    public func latestEvents(limit: Int) -> [EventRecord] {
        Array(eventLog.reversed().lazy.filter { !$0.baseline }.prefix(max(0, limit)))
    }

    public func eventTallies() -> [EventTally] {
        targetsByName.keys.sorted().flatMap { target in
            ObjectKind.allCases.flatMap { kind in
                ChangeKind.allCases.map { change in
                    let events = eventLog.filter {
                        $0.target == target && $0.kind == kind && $0.change == change && !$0.baseline
                    }
                    return EventTally(
                        target: target, kind: kind, change: change, total: events.count,
                        unacknowledged: events.count { !$0.acknowledged })
                }
            }
        }
    }

    public func polls(target: String?, since: Date?, until: Date?, limit: Int) -> [PollRecord] {
        Array(
            pollLog.reversed().lazy.filter { poll in
                (target.map { $0 == poll.target } ?? true) && (since.map { poll.finishedAt >= Self.stored($0) } ?? true)
                    && (until.map { poll.finishedAt <= Self.stored($0) } ?? true)
            }
            .prefix(max(0, limit)))
    }

    public func countHistory(target: String?, since: Date?, until: Date?) -> [PollRecord] {
        polls(target: target, since: since, until: until, limit: .max).reversed().filter { $0.result == .success }
    }

    public func firstPoll(target: String?) -> PollRecord? {
        pollLog.first { poll in target.map { $0 == poll.target } ?? true }
    }

    public func lastSuccessfulPoll(target: String, atOrBefore at: Date) -> PollRecord? {
        pollLog.last { $0.target == target && $0.result == .success && $0.finishedAt <= Self.stored(at) }
    }

    // MARK: EventAcknowledger

    public func acknowledge(ids: [Int64], by: String, comment: String?, at: Date) -> Int {
        let wanted = Set(ids)
        return acknowledgeWhere(by: by, comment: comment, at: at) { wanted.contains($0.id) }
    }

    public func acknowledge(
        target: String?, kind: ObjectKind?, change: ChangeKind?, until: Date, by: String, comment: String?, at: Date
    ) -> Int {
        acknowledgeWhere(by: by, comment: comment, at: at) { event in
            (target.map { $0 == event.target } ?? true) && (kind.map { $0 == event.kind } ?? true)
                && (change.map { $0 == event.change } ?? true) && event.at <= Self.stored(until)
        }
    }

    private func acknowledgeWhere(by: String, comment: String?, at: Date, _ selected: (EventRecord) -> Bool) -> Int {
        var count = 0
        for index in eventLog.indices where !eventLog[index].acknowledged && selected(eventLog[index]) {
            eventLog[index].acknowledgedAt = Self.stored(at)
            eventLog[index].acknowledgedBy = by
            eventLog[index].acknowledgeComment = comment
            count += 1
        }
        return count
    }
}

extension InMemoryInventoryStore.Version {
    func isOpen(_ target: String, _ kind: ObjectKind, _ key: String) -> Bool {
        to == nil && self.target == target && object.kind == kind && object.key == key
    }

    var state: CurrentObjectState {
        CurrentObjectState(key: object.key, name: object.name, fieldsHash: object.fieldsHash)
    }
}
