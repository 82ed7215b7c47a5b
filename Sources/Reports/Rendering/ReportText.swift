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
            return change.changedFields.map { field in
                "\(field): \(value(change.before?[field], field: field, kind: change.kind)) → "
                    + value(change.after?[field], field: field, kind: change.kind)
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
        }
        return parts.joined(separator: ", ")
    }

    /// A field value for people; a client's numeric status as its label.
    static func value(_ value: JSONValue?, field: String, kind: ObjectKind) -> String {
        guard let value else { return "(none)" }
        if kind == .client && field == "status", let code = value.intValue {
            return ClientStatus.label(code)
        }
        return value.text
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
    static func more(_ count: Int, see: String) -> String {
        "…and \(number(count)) more — see \(see)."
    }

    /// "4 domains and 1 client".
    static func held(_ held: HeldRemovals) -> String {
        [(held.domains, "domain"), (held.clients, "client")].filter { $0.0 > 0 }.map { count($0.0, $0.1) }
            .joined(separator: " and ")
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
