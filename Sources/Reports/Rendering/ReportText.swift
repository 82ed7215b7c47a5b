import Foundation
import InventoryModel

/// How reports write numbers, times and changes for people. Locale-independent, so output is the same everywhere.
enum ReportText {
    /// `2027-01-15T08:00:00Z`, as the JSON API writes times.
    static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `2027-01-15 08:00:00`, in UTC: always with seconds, so the times of a column line up.
    static func time(_ date: Date) -> String {
        rfc3339(date).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }

    /// `2027-01-15`.
    static func day(_ date: Date) -> String {
        String(rfc3339(date).prefix(10))
    }

    /// `1,234`.
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `+6`, `-1`, `0`.
    static func signed(_ value: Int) -> String {
        value > 0 ? "+" + number(value) : number(value)
    }

    /// `1 domain`, `2 domains`.
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(value)) \(value == 1 ? singular : plural ?? singular + "s")"
    }

    /// `99.7 %` (one decimal, rounded half up); `—` of nothing.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10) %"
    }

    /// `3d 4h`, `2h 5m`, `45s`: the two largest units.
    static func duration(_ seconds: TimeInterval) -> String {
        var remaining = Int(seconds.rounded())
        guard remaining > 0 else { return "0s" }
        var parts: [String] = []
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where remaining >= size {
            parts.append("\(remaining / size)\(unit)")
            remaining %= size
            if parts.count == 2 { break }
        }
        return parts.joined(separator: " ")
    }

    /// Who acknowledged a change and why: `alice: planned migration`; empty when nobody did.
    static func acknowledgement(_ change: ReportChange) -> String {
        guard change.acknowledged else { return "" }
        var text = change.acknowledgedBy ?? "acknowledged"
        if let comment = change.acknowledgeComment, !comment.isEmpty { text += ": " + comment }
        return text
    }

    /// What an operator needs to see of a change in one line: the changed fields as before → after, or the key facts
    /// of an added or removed object.
    static func details(_ change: ReportChange) -> String {
        switch change.change {
        case .modified:
            return shownFields(change).flatMap { field -> [String] in
                if change.kind == .plan && field == "limits" { return limitChanges(change) }
                return [
                    "\(field): \(value(change.before?[field], field: field, kind: change.kind)) → "
                        + value(change.after?[field], field: field, kind: change.kind)
                ]
            }.joined(separator: "; ")
        case .added:
            return summary(change.after ?? [:], kind: change.kind)
        case .removed:
            return summary(change.before ?? [:], kind: change.kind)
        }
    }

    /// A domain's hosting type and owner; a client's type, status and name.
    static func summary(_ fields: [String: JSONValue], kind: ObjectKind) -> String {
        var parts: [String] = []
        switch kind {
        case .domain:
            if let hosting = fields["hosting_type"]?.stringValue { parts.append(hosting) }
            if let owner = fields["owner"]?.stringValue, !owner.isEmpty { parts.append("owner " + owner) }
        case .client:
            if let type = fields["type"]?.stringValue { parts.append(type) }
            if let status = fields["status"] { parts.append(value(status, field: "status", kind: .client)) }
            if let name = fields["name"]?.stringValue, !name.isEmpty { parts.append(name) }
        case .subscription:
            if let states = fields["states"]?.arrayValue {
                parts.append(states.compactMap(\.stringValue).joined(separator: "+"))
            }
            if let plan = fields["plan"]?.stringValue ?? fields["plan_guid"]?.stringValue { parts.append("plan " + plan) }
            if let owner = fields["owner"]?.stringValue, !owner.isEmpty { parts.append("owner " + owner) }
        case .plan:
            if let owner = fields["owner_login"]?.stringValue, !owner.isEmpty { parts.append("owner " + owner) }
            if let disk = fields["limits"]?.objectValue?["disk_space"] {
                parts.append("disk space " + limit(disk, "disk_space"))
            }
        }
        return parts.joined(separator: ", ")
    }

    /// The changed fields a modification lists. A subscription's raw `status` is left out when its decoded
    /// `states` changed too, a plan's guid when its name did, and an owner's id when its login did: the same change
    /// said twice, once in a form nobody reads.
    static func shownFields(_ change: ReportChange) -> [String] {
        guard change.kind == .subscription || change.kind == .plan else { return change.changedFields }
        let changed = Set(change.changedFields)
        let redundant: [String: String] = [
            "status": "states", "plan_guid": "plan", "owner_id": change.kind == .plan ? "owner_login" : "owner",
        ]
        return change.changedFields.filter { field in redundant[field].map { !changed.contains($0) } ?? true }
    }

    /// A plan's changed limits one by one: `limits.disk_space: 10737418240 → 21474836480`.
    static func limitChanges(_ change: ReportChange) -> [String] {
        let before = change.before?["limits"]?.objectValue ?? [:]
        let after = change.after?["limits"]?.objectValue ?? [:]
        return Set(before.keys).union(after.keys).sorted().compactMap { name in
            guard before[name] != after[name] else { return nil }
            return "limits.\(name): \(limit(before[name], name)) → \(limit(after[name], name))"
        }
    }

    /// Limits Plesk gives in bytes.
    static let byteLimits: Set<String> = [
        "disk_space", "disk_space_soft", "max_traffic", "max_traffic_soft", "mbox_quota",
    ]

    /// A plan limit for people: `unlimited` for -1, bytes in binary units for byte limits.
    static func limit(_ value: JSONValue?, _ name: String) -> String {
        guard let value else { return "(none)" }
        guard let number = value.intValue else { return value.text }
        if number < 0 { return "unlimited" }
        return byteLimits.contains(name) ? bytes(Int64(number)) : self.number(number)
    }

    /// A field value for people; a client's numeric status as its label, a subscription's states joined by `+`.
    static func value(_ value: JSONValue?, field: String, kind: ObjectKind) -> String {
        guard let value else { return "(none)" }
        if kind == .client && field == "status", let code = value.intValue {
            return ClientStatus.label(code)
        }
        if kind == .subscription && field == "states", let states = value.arrayValue {
            return states.isEmpty ? "(none)" : states.map(\.text).joined(separator: "+")
        }
        return value.text
    }

    /// `1.5 GiB`, `980.0 KiB`, `512 B` (binary units, one decimal); negative values with a minus sign.
    static func bytes(_ value: Int64) -> String {
        let magnitude = Double(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard magnitude >= 1024 else { return "\(sign)\(value.magnitude) B" }
        var scaled = magnitude
        var unit = 0
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        while scaled >= 1024 && unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        let tenths = Int((scaled * 10).rounded())
        return "\(sign)\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// `+1.5 GiB`, `-3 B`, `0 B`.
    static func signedBytes(_ value: Int64) -> String {
        value > 0 ? "+" + bytes(value) : bytes(value)
    }

    /// "Not collected by successful polls (the XML API call failed; the last known state was kept): subscriptions
    /// 4, service plans 4."; nil when every poll collected every kind.
    static func kindsNotCollected(_ polls: PollAvailability) -> String? {
        let kinds: [(key: String, word: String)] = [("subscription", "subscriptions"), ("plan", "service plans")]
        let known = Set(kinds.map(\.key))
        let parts =
            kinds.compactMap { kind in polls.kindsNotCollected[kind.key].map { "\(kind.word) \(number($0))" } }
            + polls.kindsNotCollected.keys.filter { !known.contains($0) }.sorted().map {
                "\($0)s \(number(polls.kindsNotCollected[$0]!))"
            }
        guard !parts.isEmpty else { return nil }
        return "Not collected by successful polls (the XML API call failed; the last known state was kept): "
            + parts.joined(separator: ", ") + "."
    }

    /// Whether the summary of all targets has subscription columns: when any target had subscriptions.
    static func summarisesSubscriptions(_ report: InventoryReport) -> Bool {
        report.targets.contains {
            ($0.subscriptions?.start.subscriptions ?? 0) + ($0.subscriptions?.end.subscriptions ?? 0) > 0
        }
    }

    /// The summary's subscription cells of a target: count at the end and net change, or dashes.
    static func subscriptionSummary(_ target: TargetReport) -> [String] {
        guard let subscriptions = target.subscriptions else { return ["—", "—"] }
        return [number(subscriptions.end.subscriptions), signed(subscriptions.netChange.subscriptions)]
    }

    /// A subscription's plan for people: its label, or "(no plan)".
    static func plan(_ label: String) -> String {
        label.isEmpty ? "(no plan)" : label
    }

    /// Subscription states in the order of precedence (``SubscriptionStatus/names``), then `other` and the rest.
    static let subscriptionStates = SubscriptionStatus.names + ["other"]

    /// The rows of a subscription counts table: label, start, end, whether it is a total (plans are nil when
    /// they were not collected at either end).
    static func subscriptionBreakdown(_ report: SubscriptionReport) -> [(
        label: String, start: Int, end: Int, total: Bool
    )] {
        let (start, end) = (report.start, report.end)
        var rows: [(label: String, start: Int, end: Int, total: Bool)] = [
            ("Subscriptions", start.subscriptions, end.subscriptions, true)
        ]
        for status in ordered(Set(start.byStatus.keys).union(end.byStatus.keys), preferred: subscriptionStates) {
            rows.append(("subscriptions: " + status, start.byStatus[status] ?? 0, end.byStatus[status] ?? 0, false))
        }
        // Plans by name, "(no plan)" last.
        let plans = Set(start.byPlan.keys).union(end.byPlan.keys).sorted {
            ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1)
        }
        for plan in plans {
            let before = start.byPlan[plan] ?? [:]
            let after = end.byPlan[plan] ?? [:]
            for status in ordered(Set(before.keys).union(after.keys), preferred: subscriptionStates) {
                rows.append(
                    ("plan \(self.plan(plan)), \(status)", before[status] ?? 0, after[status] ?? 0, false))
            }
        }
        if start.plans != nil || end.plans != nil {
            rows.append(("Service plans", start.plans ?? 0, end.plans ?? 0, true))
        }
        return rows
    }

    /// "Subscriptions first collected at …: 12 subscriptions and 3 service plans (their first inventory; not
    /// listed as changes)."
    static func subscriptionsFirstCollected(_ report: SubscriptionReport, target: String) -> String? {
        guard let at = report.firstCollected else { return nil }
        let plans = report.start.plans.map { " and " + count($0, "service plan") } ?? ""
        return "Subscriptions of \(target) first collected at \(time(at)) UTC: "
            + "\(count(report.start.subscriptions, "subscription"))\(plans) (their first inventory, the starting point "
            + "here; not listed as changes)."
    }

    /// "3 subscriptions suspended and 1 expired at the end of the period."
    static func suspendedSummary(_ report: SubscriptionReport) -> String {
        let (suspended, expired) = (report.suspended.count, report.expired.count)
        guard suspended + expired > 0 else {
            return "No subscription is suspended or expired at the end of the period."
        }
        return "\(count(suspended, "subscription")) suspended and \(number(expired)) expired at the end of the period."
    }

    /// The suspended and expired subscriptions at the end as one list (a subscription in both once), by name.
    static func suspendedOrExpired(_ report: SubscriptionReport) -> [SubscriptionEntry] {
        var seen: Set<String> = []
        return (report.suspended + report.expired).filter { seen.insert($0.key).inserted }.sorted {
            ($0.name, $0.key) < ($1.name, $1.key)
        }
    }

    /// Whether a subscription section has anything to count at either end of the period.
    static func hasSubscriptions(_ subscriptions: SubscriptionReport) -> Bool {
        subscriptions.start.subscriptions + subscriptions.end.subscriptions > 0
            || (subscriptions.start.plans ?? 0) + (subscriptions.end.plans ?? 0) > 0
    }

    /// The heading of the subscription counts' first column: where their history starts in the period.
    static func subscriptionStartLabel(_ subscriptions: SubscriptionReport, target: TargetReport) -> String {
        subscriptions.firstCollected != nil ? "First" : target.baseline == nil ? "Start" : "Baseline"
    }

    /// A kind as a plural word.
    static func plural(_ kind: ObjectKind) -> String {
        kind.rawValue + "s"
    }

    /// "3 domains added, 1 removed, 2 modified; 1 client added" — nothing for kinds without changes.
    static func changeSummary(_ report: TargetReport) -> String {
        let parts = ObjectKind.allCases.compactMap { kind -> String? in
            let counts = ChangeKind.allCases.map { (change: $0, count: report.count(kind, $0)) }.filter { $0.count > 0 }
            guard let first = counts.first else { return nil }
            let head = "\(count(first.count, kind.rawValue)) \(first.change.rawValue)"
            return ([head] + counts.dropFirst().map { "\(number($0.count)) \($0.change.rawValue)" })
                .joined(separator: ", ")
        }
        return parts.isEmpty ? "no changes" : parts.joined(separator: "; ")
    }

    /// Hosting types and client type/status buckets in a fixed order: the usual ones first, others by name.
    static func ordered(_ keys: some Sequence<String>, preferred: [String]) -> [String] {
        let set = Set(keys)
        return preferred.filter(set.contains) + set.subtracting(preferred).sorted()
    }

    static let hostingTypes = ["virtual", "standard_forwarding", "frame_forwarding", "none"]
    static let accountTypes = ["admin", "reseller", "customer"]
    static let statuses = ClientStatus.labels

    /// The breakdown rows of a counts table: label, start, end, change.
    static func breakdown(_ report: TargetReport) -> [(label: String, start: Int, end: Int, total: Bool)] {
        var rows: [(label: String, start: Int, end: Int, total: Bool)] = [
            ("Domains", report.start.domains, report.end.domains, true)
        ]
        for type in ordered(
            Set(report.start.domainsByHostingType.keys).union(report.end.domainsByHostingType.keys),
            preferred: hostingTypes)
        {
            rows.append(
                (
                    "domains: " + type, report.start.domainsByHostingType[type] ?? 0,
                    report.end.domainsByHostingType[type] ?? 0, false
                ))
        }
        rows.append(("Clients", report.start.clients, report.end.clients, true))
        let types = ordered(
            Set(report.start.clientsByAccountType.keys).union(report.end.clientsByAccountType.keys),
            preferred: accountTypes)
        for type in types {
            let before = report.start.clientsByAccountType[type] ?? [:]
            let after = report.end.clientsByAccountType[type] ?? [:]
            for status in ordered(Set(before.keys).union(after.keys), preferred: statuses) {
                rows.append(("clients: \(type), \(status)", before[status] ?? 0, after[status] ?? 0, false))
            }
        }
        return rows
    }

    /// "…and 12 more — see the CSV." under a capped list.
    /// "3 open at the end of the period (2 opened during it, 1 closed)."
    static func reconciliationSummary(_ reconciliation: ReconciliationReport) -> String {
        "\(count(reconciliation.open.count, "finding")) open at the end of the period; "
            + "\(number(reconciliation.opened.count)) opened and \(number(reconciliation.closed.count)) closed during it."
    }

    /// A finding's cells: kind, target, subscription, billing's side, Plesk's, ref, when, who acknowledged.
    static func findingCells(_ record: FindingRecord, closed: Bool) -> [String] {
        let finding = record.finding
        return [
            finding.kind.rawValue, finding.target.isEmpty ? "(any)" : finding.target, finding.subscription,
            finding.expected ?? "–", finding.actual ?? "–", finding.ref ?? "–",
            time(closed ? record.closedAt ?? record.openedAt : record.openedAt), record.acknowledgedBy ?? "–",
        ]
    }

    static func more(_ count: Int, see: String) -> String {
        "…and \(number(count)) more — see \(see)."
    }

    /// "4 domains and 1 client", "2 domains, 1 client and 3 subscriptions".
    static func held(_ held: HeldRemovals) -> String {
        let parts = [
            (held.domains, "domain"), (held.clients, "client"), (held.subscriptions, "subscription"),
            (held.plans, "service plan"),
        ].filter { $0.0 > 0 }.map { count($0.0, $0.1) }
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }

    /// "4 domains missing from Plesk after the poll of …, held by the removal guard until …"
    static func heldSummary(_ held: HeldRemovals) -> String {
        let asOf = held.asOf.map { " after the poll of \(time($0)) UTC" } ?? ""
        return "\(self.held(held).capitalizedFirst) missing from Plesk\(asOf), held by the removal guard until "
            + "further polls confirm them."
    }

    static let heldNamesUnknown =
        "Their names are no longer known: later polls have since confirmed the removals (listed as removed changes "
        + "of a later period) or seen the objects again."

    /// What the top-clients table leaves out: other owners, domains without one.
    static func ownersNote(_ top: TopClients) -> String? {
        var notes: [String] = []
        if top.owners > top.clients.count {
            notes.append("\(number(top.owners)) clients own domains; the \(top.clients.count) with the most are shown.")
        }
        if top.domainsWithoutOwner > 0 {
            notes.append("\(count(top.domainsWithoutOwner, "domain")) without a known owner.")
        }
        return notes.isEmpty ? nil : notes.joined(separator: " ")
    }

    /// "6 changes not yet acknowledged (5 in this period, 1 earlier)."
    static func unacknowledgedSummary(_ target: TargetReport) -> String {
        let total = target.unacknowledged.count
        let inPeriod = target.unacknowledgedInPeriod
        return "\(count(total, "change")) not yet acknowledged (\(number(inPeriod)) in this period, "
            + "\(number(total - inPeriod)) earlier)."
    }
}
