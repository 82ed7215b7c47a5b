import Foundation
import InventoryModel

/// The HTML document: one self-contained file (no script, font, style sheet or image from elsewhere), charts as inline
/// SVG, plain tables that a mail client shows and a printer fits on A4.
struct HTMLRenderer {
    let report: InventoryReport
    /// Rows a long list shows before "and N more".
    let maxRows: Int

    /// The daily counts are also listed as a table (for mail clients that do not draw SVG) up to this many points.
    static let maxDailyRows = 32

    static let style = """
        body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;max-width:960px;\
        margin:24px auto;padding:0 16px;font-size:14px;line-height:1.4}
        h1{font-size:22px;margin:0 0 4px}
        h2{font-size:18px;border-bottom:2px solid #1f5fa8;padding-bottom:4px;margin:32px 0 8px}
        h3{font-size:15px;margin:20px 0 6px}
        p{margin:6px 0}
        table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:13px}
        th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#f3f5f7}
        .num{text-align:right;white-space:nowrap}
        .nowrap{white-space:nowrap}
        tr.total td{font-weight:bold}
        td.details{word-break:break-word}
        .added{color:#116329}
        .removed{color:#b42318}
        .modified{color:#9a6700}
        .note,.meta{color:#555}
        svg.chart{display:block;max-width:100%;height:auto;margin:4px 0}
        @page{size:A4;margin:14mm}
        @media print{body{max-width:none;margin:0;padding:0;font-size:10pt}table{font-size:8.5pt}\
        thead{display:table-header-group}tr,svg{page-break-inside:avoid;break-inside:avoid}\
        section+section{page-break-before:always;break-before:page}h2,h3{page-break-after:avoid;break-after:avoid}}
        """

    func render() -> String {
        let period = report.period
        let targets = report.targets.map(\.target).joined(separator: ", ")
        let title = "Plesk inventory report \(ReportText.day(period.start)) – \(ReportText.day(period.end))"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            <h1>Plesk inventory report</h1>
            <p class="meta">Period: \(e(ReportText.time(period.start))) → \(e(ReportText.time(period.end))) UTC \
            (\(e(ReportText.duration(period.duration)))) · Targets: \(e(targets))</p>

            """
        out += summary()
        for target in report.targets { out += section(target) }
        out += reconciliation()
        out += """
            <p class="note">Written by plesk_exporter from its database as of \(e(ReportText.time(period.end))) UTC.</p>
            </body>
            </html>

            """
        return out
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }

    private func note(_ text: String) -> String { "<p class=\"note\">\(e(text))</p>\n" }

    private func anchor(_ target: String) -> String { "target-" + target }

    private func table(
        _ headers: [(String, Bool)], _ rows: [[(text: String, cssClass: String?)]], rowClasses: [String?] = []
    )
        -> String
    {
        var out = "<table>\n<thead><tr>"
        for (header, numeric) in headers {
            out += numeric ? "<th class=\"num\">\(e(header))</th>" : "<th>\(e(header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            let rowClass = index < rowClasses.count ? rowClasses[index] : nil
            out += rowClass.map { "<tr class=\"\($0)\">" } ?? "<tr>"
            for cell in row {
                out += cell.cssClass.map { "<td class=\"\($0)\">" } ?? "<td>"
                out += e(cell.text) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func summary() -> String {
        let withSubscriptions = ReportText.summarisesSubscriptions(report)
        var out =
            "<table>\n<thead><tr><th>Target</th><th class=\"num\">Domains</th><th class=\"num\">Change</th>"
            + "<th class=\"num\">Clients</th><th class=\"num\">Change</th>"
            + (withSubscriptions ? "<th class=\"num\">Subscriptions</th><th class=\"num\">Change</th>" : "")
            + "<th class=\"num\">Changes</th>"
            + "<th class=\"num\">Not acknowledged</th><th class=\"num\">Polls succeeded</th></tr></thead>\n<tbody>\n"
        for target in report.targets {
            out += "<tr><td><a href=\"#\(e(anchor(target.target)))\">\(e(target.target))</a></td>"
            for value in [
                ReportText.number(target.end.domains), ReportText.signed(target.netChange.domains),
                ReportText.number(target.end.clients), ReportText.signed(target.netChange.clients),
            ] + (withSubscriptions ? ReportText.subscriptionSummary(target) : []) + [
                ReportText.number(target.changes.count), ReportText.number(target.unacknowledged.count),
                ReportText.percent(target.polls.successful, of: target.polls.total),
            ] {
                out += "<td class=\"num\">\(e(value))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func section(_ target: TargetReport) -> String {
        var out = "<section id=\"\(e(anchor(target.target)))\">\n<h2>\(e(target.target))</h2>\n"
        if let baseline = target.baseline {
            out +=
                "<p>Baseline recorded: \(e(ReportText.count(baseline.domains, "domain"))), "
                + "\(e(ReportText.count(baseline.clients, "client"))) (\(e(ReportText.time(baseline.at))) UTC: the "
                + "first inventory of \(e(target.target)); its objects are not listed as changes).</p>\n"
        }
        out +=
            charts(target) + inventory(target) + subscriptionCounts(target) + changes(target) + topClients(target)
            + suspendedSubscriptions(target) + subscriptionDisk(target) + polls(target) + held(target)
            + unacknowledged(target)
        return out + "</section>\n"
    }

    private func charts(_ target: TargetReport) -> String {
        var out = "<h3>Daily counts</h3>\n"
        out +=
            DailyChart(
                title: "Domains of \(target.target)", color: "#1f5fa8", points: target.daily.map { ($0.at, $0.domains) }
            ).svg + "\n"
        out +=
            DailyChart(
                title: "Clients of \(target.target)", color: "#b3541e", points: target.daily.map { ($0.at, $0.clients) }
            ).svg + "\n"
        guard target.daily.count <= Self.maxDailyRows else { return out }
        return out
            + table(
                [("Time (UTC)", false), ("Domains", true), ("Clients", true)],
                target.daily.map {
                    [
                        (ReportText.time($0.at), "nowrap"), (ReportText.number($0.domains), "num"),
                        (ReportText.number($0.clients), "num"),
                    ]
                })
    }

    private func inventory(_ target: TargetReport) -> String {
        let startLabel = target.baseline == nil ? "Start" : "Baseline"
        let rows = ReportText.breakdown(target)
        var out =
            "<h3>Inventory</h3>\n"
            + table(
                [
                    ("", false), ("\(startLabel) \(ReportText.time(target.start.at))", true),
                    ("End \(ReportText.time(target.end.at))", true), ("Change", true),
                ],
                rows.map { row in
                    [
                        (row.label, nil), (ReportText.number(row.start), "num"), (ReportText.number(row.end), "num"),
                        (ReportText.signed(row.end - row.start), "num"),
                    ]
                }, rowClasses: rows.map { $0.total ? "total" : nil })
        if target.heldRemovals.total > 0 {
            out +=
                "<p class=\"note\">The end counts include \(e(ReportText.held(target.heldRemovals))) whose removal the "
                + "guard is holding (see Held removals).</p>\n"
        }
        return out
    }

    private func subscriptionCounts(_ target: TargetReport) -> String {
        guard let subscriptions = target.subscriptions else { return "" }
        var out = "<h3>Subscriptions</h3>\n"
        if let first = ReportText.subscriptionsFirstCollected(subscriptions, target: target.target) {
            out += "<p>\(e(first))</p>\n"
        }
        guard ReportText.hasSubscriptions(subscriptions) else {
            return out + "<p>No subscriptions or service plans at the start or the end of the period.</p>\n"
        }
        let startLabel = ReportText.subscriptionStartLabel(subscriptions, target: target)
        let rows = ReportText.subscriptionBreakdown(subscriptions)
        return out
            + table(
                [
                    ("", false), ("\(startLabel) \(ReportText.time(subscriptions.start.at))", true),
                    ("End \(ReportText.time(subscriptions.end.at))", true), ("Change", true),
                ],
                rows.map { row in
                    [
                        (row.label, nil), (ReportText.number(row.start), "num"), (ReportText.number(row.end), "num"),
                        (ReportText.signed(row.end - row.start), "num"),
                    ]
                }, rowClasses: rows.map { $0.total ? "total" : nil })
    }

    private func suspendedSubscriptions(_ target: TargetReport) -> String {
        guard let subscriptions = target.subscriptions else { return "" }
        var out =
            "<h3>Suspended and expired subscriptions</h3>\n<p>\(e(ReportText.suspendedSummary(subscriptions)))</p>\n"
        let list = ReportText.suspendedOrExpired(subscriptions)
        guard !list.isEmpty else { return out }
        out += table(
            [("Subscription", false), ("Plan", false), ("Owner", false), ("States", false)],
            list.prefix(maxRows).map { entry in
                [
                    (entry.name, nil), (ReportText.plan(entry.plan), nil), (entry.owner ?? "", nil),
                    (entry.states.joined(separator: "+"), nil),
                ]
            })
        if list.count > maxRows {
            out += note(ReportText.more(list.count - maxRows, see: "the JSON report"))
        }
        return out
    }

    private func subscriptionDisk(_ target: TargetReport) -> String {
        guard let subscriptions = target.subscriptions else { return "" }
        var out = "<h3>Subscriptions by disk</h3>\n"
        guard subscriptions.usageRecorded else {
            return out + "<p>No disk usage recorded for the subscriptions at the end of the period.</p>\n"
        }
        out += "<p>Largest at the end of the period (disk as recorded on its day):</p>\n"
        out += table(
            [("#", true), ("Subscription", false), ("Plan", false), ("Disk", true), ("Change", true)],
            subscriptions.largest.enumerated().map { index, disk in
                [
                    ("\(index + 1)", "num"), (disk.name, nil), (ReportText.plan(disk.plan), nil),
                    (ReportText.bytes(disk.diskBytes), "num"),
                    (disk.growthBytes.map(ReportText.signedBytes) ?? "—", "num"),
                ]
            })
        guard !subscriptions.fastestGrowing.isEmpty else {
            return out + "<p>No subscription grew during the period.</p>\n"
        }
        out += "<p>Fastest-growing during the period:</p>\n"
        out += table(
            [("#", true), ("Subscription", false), ("Plan", false), ("Growth", true), ("Disk", true)],
            subscriptions.fastestGrowing.enumerated().map { index, disk in
                [
                    ("\(index + 1)", "num"), (disk.name, nil), (ReportText.plan(disk.plan), nil),
                    (ReportText.signedBytes(disk.growthBytes ?? 0), "num"), (ReportText.bytes(disk.diskBytes), "num"),
                ]
            })
        return out
    }

    private func changes(_ target: TargetReport) -> String {
        var out = "<h3>Changes</h3>\n<p>\(e(ReportText.changeSummary(target).capitalizedFirst)).</p>\n"
        guard !target.changes.isEmpty else { return out }
        out += table(
            [
                ("Time (UTC)", false), ("Object", false), ("Change", false), ("Name", false), ("Details", false),
                ("Acknowledged", false),
            ],
            target.changes.prefix(maxRows).map { change in
                let acknowledgement = ReportText.acknowledgement(change)
                return [
                    (ReportText.time(change.at), "nowrap"), (change.kind.rawValue, nil),
                    (change.change.rawValue, change.change.rawValue), (change.name, nil),
                    (ReportText.details(change), "details"), (acknowledgement.isEmpty ? "—" : acknowledgement, nil),
                ]
            })
        if target.changes.count > maxRows {
            out += note(ReportText.more(target.changes.count - maxRows, see: "the CSV"))
        }
        return out
    }

    private func topClients(_ target: TargetReport) -> String {
        var out = "<h3>Top clients by domains</h3>\n"
        let top = target.topClients
        guard top.ownersCollected else {
            return out
                + "<p class=\"note\">Domain owners are not collected for \(e(target.target)) (collect.owners: false, "
                + "or every owner lookup failed), so clients cannot be ranked.</p>\n"
        }
        guard !top.clients.isEmpty else { return out + "<p>No domains at the end of the period.</p>\n" }
        out += table(
            [("#", true), ("Client", false), ("Name", false), ("Domains", true)],
            top.clients.enumerated().map { index, client in
                [
                    ("\(index + 1)", "num"), (client.login, nil), (client.name ?? "", nil),
                    (ReportText.number(client.domains), "num"),
                ]
            })
        if let text = ReportText.ownersNote(top) { out += note(text) }
        return out
    }

    private func polls(_ target: TargetReport) -> String {
        let polls = target.polls
        var items = [
            "\(ReportText.number(polls.successful)) of \(ReportText.count(polls.total, "poll")) succeeded "
                + "(\(ReportText.percent(polls.successful, of: polls.total)))."
        ]
        if polls.failed > 0 {
            items.append(
                "Failures: "
                    + polls.failureReasons.map { "\($0.reason) \(ReportText.number($0.count))" }
                    .joined(separator: ", ") + ".")
        }
        if let kinds = ReportText.kindsNotCollected(polls) { items.append(kinds) }
        if let gap = polls.longestGap {
            items.append(
                "Longest time without a successful poll: \(ReportText.duration(gap.seconds)) "
                    + "(\(ReportText.time(gap.from)) → \(ReportText.time(gap.until)) UTC).")
        }
        if polls.successful == 0 {
            items.append(
                polls.lastSuccess.map { "Last successful poll: \(ReportText.time($0)) UTC." }
                    ?? "No successful poll yet.")
        }
        return "<h3>Polls</h3>\n<ul>\n" + items.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
    }

    private func held(_ target: TargetReport) -> String {
        let held = target.heldRemovals
        var out = "<h3>Held removals</h3>\n"
        guard held.total > 0 else { return out + "<p>None at the end of the period.</p>\n" }
        out += "<p>\(e(ReportText.heldSummary(held)))</p>\n"
        guard let objects = held.objects else { return out + note(ReportText.heldNamesUnknown) }
        out += table(
            [("Object", false), ("Name", false), ("Missed polls", true)],
            objects.prefix(maxRows).map {
                [($0.kind.rawValue, nil), ($0.name, nil), (ReportText.number($0.missedPolls), "num")]
            })
        if objects.count > maxRows {
            out += note(ReportText.more(objects.count - maxRows, see: "the JSON report"))
        }
        return out
    }

    /// Billing reconciliation: open findings at the end, and what opened and closed during the period.
    private func reconciliation() -> String {
        guard let reconciliation = report.reconciliation else { return "" }
        var out = "<section id=\"reconciliation\">\n<h2>Billing reconciliation</h2>\n"
        out += "<p>\(e(ReportText.reconciliationSummary(reconciliation)))</p>\n"
        for (title, records, closed) in [
            ("Open at the end of the period", reconciliation.open, false),
            ("Closed during the period", reconciliation.closed, true),
        ] where !records.isEmpty {
            out += "<h3>\(e(title))</h3>\n"
            out += table(
                [
                    ("Kind", false), ("Target", false), ("Subscription", false), ("Billing", false), ("Plesk", false),
                    ("Ref", false), (closed ? "Closed (UTC)" : "Open since (UTC)", false), ("Acknowledged", false),
                ],
                records.prefix(maxRows).map { record in
                    ReportText.findingCells(record, closed: closed).map { ($0, nil) }
                })
            if records.count > maxRows { out += note(ReportText.more(records.count - maxRows, see: "the JSON report")) }
        }
        return out + "</section>\n"
    }

    private func unacknowledged(_ target: TargetReport) -> String {
        var out = "<h3>Not yet acknowledged</h3>\n"
        let total = target.unacknowledged.count
        guard total > 0 else {
            return out + "<p>Every change up to the end of the period has been acknowledged.</p>\n"
        }
        out += "<p>\(e(ReportText.unacknowledgedSummary(target)))</p>\n"
        out += table(
            [("Time (UTC)", false), ("Object", false), ("Change", false), ("Name", false), ("Details", false)],
            target.unacknowledged.prefix(maxRows).map { change in
                [
                    (ReportText.time(change.at), "nowrap"), (change.kind.rawValue, nil),
                    (change.change.rawValue, change.change.rawValue), (change.name, nil),
                    (ReportText.details(change), "details"),
                ]
            })
        if total > maxRows {
            out += note(ReportText.more(total - maxRows, see: "the JSON report"))
        }
        return out
    }

}
