import Foundation
import InventoryModel

/// The markdown document: reads as plain text in a terminal or an e-mail, and renders as tables in a ticket.
struct MarkdownRenderer {
    let report: InventoryReport
    /// Rows a long list shows before "and N more".
    let maxRows: Int

    func render() -> String {
        var blocks = [header()]
        for target in report.targets { blocks += section(target) }
        blocks += reconciliation()
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func header() -> String {
        let period = report.period
        var lines = [
            "# Plesk inventory report",
            "",
            "Period: \(ReportText.time(period.start)) → \(ReportText.time(period.end)) UTC "
                + "(\(ReportText.duration(period.duration)))  ",
            "Targets: \(report.targets.map(\.target).joined(separator: ", "))",
        ]
        let withSubscriptions = ReportText.summarisesSubscriptions(report)
        var table = MarkdownTable(
            [("Target", .left), ("Domains", .right), ("Change", .right), ("Clients", .right), ("Change", .right)]
                + (withSubscriptions ? [("Subscriptions", .right), ("Change", .right)] : [])
                + [("Changes", .right), ("Not acknowledged", .right), ("Polls succeeded", .right)])
        for target in report.targets {
            table.append(
                [
                    target.target, ReportText.number(target.end.domains), ReportText.signed(target.netChange.domains),
                    ReportText.number(target.end.clients), ReportText.signed(target.netChange.clients),
                ] + (withSubscriptions ? ReportText.subscriptionSummary(target) : []) + [
                    ReportText.number(target.changes.count), ReportText.number(target.unacknowledged.count),
                    ReportText.percent(target.polls.successful, of: target.polls.total),
                ])
        }
        lines += ["", table.text]
        return lines.joined(separator: "\n")
    }

    private func section(_ target: TargetReport) -> [String] {
        var blocks = ["## \(target.target)"]
        if let baseline = target.baseline {
            blocks.append(
                "Baseline recorded: \(ReportText.count(baseline.domains, "domain")), "
                    + "\(ReportText.count(baseline.clients, "client")) (\(ReportText.time(baseline.at)) UTC: the first "
                    + "inventory of \(target.target); its objects are not listed as changes).")
        }
        blocks +=
            inventory(target) + subscriptionCounts(target) + changes(target) + topClients(target)
            + suspendedSubscriptions(target) + subscriptionDisk(target) + polls(target) + held(target)
            + unacknowledged(target)
        return blocks
    }

    private func inventory(_ target: TargetReport) -> [String] {
        let startLabel = target.baseline == nil ? "Start" : "Baseline"
        var table = MarkdownTable([
            ("", .left), ("\(startLabel) \(ReportText.time(target.start.at))", .right),
            ("End \(ReportText.time(target.end.at))", .right), ("Change", .right),
        ])
        for row in ReportText.breakdown(target) {
            table.append([
                row.label, ReportText.number(row.start), ReportText.number(row.end),
                ReportText.signed(row.end - row.start),
            ])
        }
        var blocks = ["### Inventory", table.text]
        if target.heldRemovals.total > 0 {
            blocks.append(
                "The end counts include \(ReportText.held(target.heldRemovals)) whose removal the guard is holding "
                    + "(see Held removals).")
        }
        return blocks
    }

    private func subscriptionCounts(_ target: TargetReport) -> [String] {
        guard let subscriptions = target.subscriptions else { return [] }
        var blocks = ["### Subscriptions"]
        if let first = ReportText.subscriptionsFirstCollected(subscriptions, target: target.target) {
            blocks.append(first)
        }
        guard ReportText.hasSubscriptions(subscriptions) else {
            blocks.append("No subscriptions or service plans at the start or the end of the period.")
            return blocks
        }
        let startLabel = ReportText.subscriptionStartLabel(subscriptions, target: target)
        var table = MarkdownTable([
            ("", .left), ("\(startLabel) \(ReportText.time(subscriptions.start.at))", .right),
            ("End \(ReportText.time(subscriptions.end.at))", .right), ("Change", .right),
        ])
        for row in ReportText.subscriptionBreakdown(subscriptions) {
            table.append([
                row.label, ReportText.number(row.start), ReportText.number(row.end),
                ReportText.signed(row.end - row.start),
            ])
        }
        blocks.append(table.text)
        return blocks
    }

    private func suspendedSubscriptions(_ target: TargetReport) -> [String] {
        guard let subscriptions = target.subscriptions else { return [] }
        var blocks = ["### Suspended and expired subscriptions", ReportText.suspendedSummary(subscriptions)]
        let list = ReportText.suspendedOrExpired(subscriptions)
        guard !list.isEmpty else { return blocks }
        var table = MarkdownTable([("Subscription", .left), ("Plan", .left), ("Owner", .left), ("States", .left)])
        for entry in list.prefix(maxRows) {
            table.append([
                entry.name, ReportText.plan(entry.plan), entry.owner ?? "", entry.states.joined(separator: "+"),
            ])
        }
        blocks.append(table.text)
        if list.count > maxRows {
            blocks.append(ReportText.more(list.count - maxRows, see: "the JSON report"))
        }
        return blocks
    }

    private func subscriptionDisk(_ target: TargetReport) -> [String] {
        guard let subscriptions = target.subscriptions else { return [] }
        var blocks = ["### Subscriptions by disk"]
        guard subscriptions.usageRecorded else {
            blocks.append("No disk usage recorded for the subscriptions at the end of the period.")
            return blocks
        }
        blocks.append("Largest at the end of the period (disk as recorded on its day):")
        var largest = MarkdownTable([
            ("#", .right), ("Subscription", .left), ("Plan", .left), ("Disk", .right), ("Change", .right),
        ])
        for (index, disk) in subscriptions.largest.enumerated() {
            largest.append([
                "\(index + 1)", disk.name, ReportText.plan(disk.plan), ReportText.bytes(disk.diskBytes),
                disk.growthBytes.map(ReportText.signedBytes) ?? "—",
            ])
        }
        blocks.append(largest.text)
        guard !subscriptions.fastestGrowing.isEmpty else {
            blocks.append("No subscription grew during the period.")
            return blocks
        }
        blocks.append("Fastest-growing during the period:")
        var growing = MarkdownTable([
            ("#", .right), ("Subscription", .left), ("Plan", .left), ("Growth", .right), ("Disk", .right),
        ])
        for (index, disk) in subscriptions.fastestGrowing.enumerated() {
            growing.append([
                "\(index + 1)", disk.name, ReportText.plan(disk.plan),
                ReportText.signedBytes(disk.growthBytes ?? 0), ReportText.bytes(disk.diskBytes),
            ])
        }
        blocks.append(growing.text)
        return blocks
    }

    private func changes(_ target: TargetReport) -> [String] {
        var blocks = ["### Changes", "\(ReportText.changeSummary(target).capitalizedFirst)."]
        guard !target.changes.isEmpty else { return blocks }
        var table = MarkdownTable([
            ("Time (UTC)", .left), ("Object", .left), ("Change", .left), ("Name", .left), ("Details", .left),
            ("Acknowledged", .left),
        ])
        for change in target.changes.prefix(maxRows) {
            let acknowledgement = ReportText.acknowledgement(change)
            table.append([
                ReportText.time(change.at), change.kind.rawValue, change.change.rawValue, change.name,
                ReportText.details(change), acknowledgement.isEmpty ? "—" : acknowledgement,
            ])
        }
        blocks.append(table.text)
        if target.changes.count > maxRows {
            blocks.append(ReportText.more(target.changes.count - maxRows, see: "the CSV"))
        }
        return blocks
    }

    private func topClients(_ target: TargetReport) -> [String] {
        var blocks = ["### Top clients by domains"]
        let top = target.topClients
        guard top.ownersCollected else {
            blocks.append(
                "Domain owners are not collected for \(target.target) (`collect.owners: false`, or every owner lookup "
                    + "failed), so clients cannot be ranked.")
            return blocks
        }
        guard !top.clients.isEmpty else {
            blocks.append("No domains at the end of the period.")
            return blocks
        }
        var table = MarkdownTable([("#", .right), ("Client", .left), ("Name", .left), ("Domains", .right)])
        for (index, client) in top.clients.enumerated() {
            table.append(["\(index + 1)", client.login, client.name ?? "", ReportText.number(client.domains)])
        }
        blocks.append(table.text)
        if let note = ReportText.ownersNote(top) { blocks.append(note) }
        return blocks
    }

    private func polls(_ target: TargetReport) -> [String] {
        let polls = target.polls
        var lines = [
            "- \(ReportText.number(polls.successful)) of \(ReportText.count(polls.total, "poll")) succeeded "
                + "(\(ReportText.percent(polls.successful, of: polls.total)))."
        ]
        if polls.failed > 0 {
            lines.append(
                "- Failures: "
                    + polls.failureReasons.map { "\($0.reason) \(ReportText.number($0.count))" }
                    .joined(separator: ", ") + ".")
        }
        if let kinds = ReportText.kindsNotCollected(polls) { lines.append("- " + kinds) }
        if let gap = polls.longestGap {
            lines.append(
                "- Longest time without a successful poll: \(ReportText.duration(gap.seconds)) "
                    + "(\(ReportText.time(gap.from)) → \(ReportText.time(gap.until)) UTC).")
        }
        if polls.successful == 0 {
            lines.append(
                polls.lastSuccess.map { "- Last successful poll: \(ReportText.time($0)) UTC." }
                    ?? "- No successful poll yet.")
        }
        return ["### Polls", lines.joined(separator: "\n")]
    }

    private func held(_ target: TargetReport) -> [String] {
        let held = target.heldRemovals
        var blocks = ["### Held removals"]
        guard held.total > 0 else {
            blocks.append("None at the end of the period.")
            return blocks
        }
        blocks.append(ReportText.heldSummary(held))
        guard let objects = held.objects else {
            blocks.append(ReportText.heldNamesUnknown)
            return blocks
        }
        var table = MarkdownTable([("Object", .left), ("Name", .left), ("Missed polls", .right)])
        for object in objects.prefix(maxRows) {
            table.append([object.kind.rawValue, object.name, ReportText.number(object.missedPolls)])
        }
        blocks.append(table.text)
        if objects.count > maxRows {
            blocks.append(ReportText.more(objects.count - maxRows, see: "the JSON report"))
        }
        return blocks
    }

    /// Billing reconciliation: open findings at the end, and what opened and closed during the period.
    private func reconciliation() -> [String] {
        guard let reconciliation = report.reconciliation else { return [] }
        var blocks = ["## Billing reconciliation", ReportText.reconciliationSummary(reconciliation)]
        for (title, records, closed) in [
            ("### Open at the end of the period", reconciliation.open, false),
            ("### Closed during the period", reconciliation.closed, true),
        ] where !records.isEmpty {
            var table = MarkdownTable([
                ("Kind", .left), ("Target", .left), ("Subscription", .left), ("Billing", .left), ("Plesk", .left),
                ("Ref", .left), (closed ? "Closed (UTC)" : "Open since (UTC)", .left), ("Acknowledged", .left),
            ])
            for record in records.prefix(maxRows) {
                table.append(ReportText.findingCells(record, closed: closed))
            }
            blocks += [title, table.text]
            if records.count > maxRows { blocks.append(ReportText.more(records.count - maxRows, see: "the JSON report")) }
        }
        return blocks
    }

    private func unacknowledged(_ target: TargetReport) -> [String] {
        var blocks = ["### Not yet acknowledged"]
        let total = target.unacknowledged.count
        guard total > 0 else {
            blocks.append("Every change up to the end of the period has been acknowledged.")
            return blocks
        }
        blocks.append(ReportText.unacknowledgedSummary(target))
        var table = MarkdownTable([
            ("Time (UTC)", .left), ("Object", .left), ("Change", .left), ("Name", .left), ("Details", .left),
        ])
        for change in target.unacknowledged.prefix(maxRows) {
            table.append([
                ReportText.time(change.at), change.kind.rawValue, change.change.rawValue, change.name,
                ReportText.details(change),
            ])
        }
        blocks.append(table.text)
        if total > maxRows {
            blocks.append(ReportText.more(total - maxRows, see: "the JSON report"))
        }
        return blocks
    }

}

extension String {
    /// The text with its first letter upper-cased.
    var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
