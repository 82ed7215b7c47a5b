import Foundation
import Reports
import InventoryModel

/// The page at `/`: targets with their health, last poll and counts; the latest changes; links to the metrics and
/// the API. Plain server-rendered HTML with inline CSS and no external assets. Every dynamic string is escaped.
struct LandingPage {
    var snapshot: StatusSnapshot
    /// Newest first.
    var events: [EventRecord]
    var telemetryPath: String
    var adminAPIEnabled: Bool
    var now: Date

    func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>plesk_exporter</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>plesk_exporter</h1>
            <p class="muted">version \(e(BuildInfo.version)) · revision \(e(BuildInfo.revision)) · Swift \(e(BuildInfo.swiftVersion)) · \(readinessText) · admin API \(adminAPIEnabled ? "enabled" : "disabled")</p>
            </header>
            <nav>
            \(links)
            </nav>

            """
        html += targetsSection
        html += eventsSection
        html += """
            <footer class="muted">Counts are those of each target's last successful poll; nothing on this page calls Plesk.</footer>
            </body>
            </html>

            """
        return html
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }

    private var readinessText: String {
        switch snapshot.readiness {
        case .ready: "ready"
        case .notReady(let reason): "not ready: \(e(reason))"
        }
    }

    private var links: String {
        let items: [(String, String)] = [
            (telemetryPath, "Metrics"), ("/api/v1/targets", "Targets"),
            ("/api/v1/events?include_baseline=false", "Events"),
            ("/api/v1/polls", "Polls"), ("/api/v1/inventory", "Inventory"), ("/api/v1/history", "History"),
            ("/api/v1/report?format=html", "Report (last 7 days)"), ("/healthz", "Health"), ("/readyz", "Readiness"),
        ]
        return items.map { #"<a href="\#(e($0.0))">\#(e($0.1))</a>"# }.joined(separator: "\n")
    }

    private var targetsSection: String {
        var rows = ""
        for target in snapshot.targets {
            let unacknowledged = snapshot.unacknowledgedChanges(target: target.name)
            let counts = target.counts
            let held = target.lastSuccess.map { poll in ObjectKind.allCases.reduce(0) { $0 + poll.held($1) } }
            rows += """
                <tr>
                <td><strong>\(e(target.name))</strong>\(labelsHTML(target.labels))<div class="muted small">\(e(target.url))</div></td>
                <td>\(health(target))</td>
                <td>\(time(target.lastPoll?.finishedAt))</td>
                <td>\(time(target.lastSuccess?.finishedAt))</td>
                <td class="num">\(number(counts?.domains))</td>
                <td class="num">\(number(counts?.clients))</td>
                <td class="num">\(number(counts?.aliases))</td>
                <td class="num">\(kindCount(target, .subscription, counts?.subscriptions))</td>
                <td class="num">\(kindCount(target, .plan, counts?.plans))</td>
                <td class="num">\(number(held))</td>
                <td class="num">\(unacknowledged)</td>
                </tr>

                """
            if let error = target.lastError {
                rows += """
                    <tr class="error"><td colspan="11">last poll failed (\(e(error.reason))): \(e(error.message))</td></tr>

                    """
            } else {
                // A kind the XML API could not give: the poll went on, the kind's last state is shown.
                for kind in target.collectedKinds where kind.isOptional {
                    guard let failure = target.collectError(kind) else { continue }
                    rows += """
                        <tr class="error"><td colspan="11">\(e(kind.rawValue))s not collected (\(e(failure.reason))), last known shown: \(e(failure.message))</td></tr>

                        """
                }
            }
        }
        if snapshot.targets.isEmpty {
            rows = #"<tr><td colspan="11" class="muted">No targets are configured.</td></tr>"#
        }
        return """
            <section>
            <h2>Targets</h2>
            <table>
            <thead><tr><th>Target</th><th>Health</th><th>Last poll</th><th>Last success</th><th>Domains</th><th>Clients</th><th>Aliases</th><th>Subscriptions</th><th>Plans</th><th>Held removals</th><th>Unacknowledged</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            </section>

            """
    }

    /// A kind's count: "–" when not collected by this target or never yet, marked when the last poll failed it.
    private func kindCount(_ target: TargetStatus, _ kind: ObjectKind, _ count: Int?) -> String {
        guard target.collectedKinds.contains(kind) else { return #"<span class="muted">off</span>"# }
        let text = number(count)
        return target.collectUp(kind) == false && target.up ? #"<span class="warn">\#(text)*</span>"# : text
    }

    private var eventsSection: String {
        var rows = ""
        for event in events {
            rows += """
                <tr>
                <td>\(time(event.at))</td>
                <td>\(e(event.target))</td>
                <td>\(e(event.kind.rawValue))</td>
                <td><span class="change \(e(event.change.rawValue))">\(e(event.change.rawValue))</span></td>
                <td>\(e(event.name))</td>
                <td>\(e(event.changedFields.joined(separator: ", ")))</td>
                <td>\(event.acknowledged ? "yes" + (event.acknowledgedBy.map { " (\(e($0)))" } ?? "") : "no")</td>
                </tr>

                """
        }
        if events.isEmpty {
            rows =
                #"<tr><td colspan="7" class="muted">No changes recorded yet. The first complete poll of a target is its baseline and raises no changes.</td></tr>"#
        }
        return """
            <section>
            <h2>Latest changes</h2>
            <table>
            <thead><tr><th>Time</th><th>Target</th><th>Object</th><th>Change</th><th>Name</th><th>Changed fields</th><th>Acknowledged</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            </section>

            """
    }

    private func health(_ target: TargetStatus) -> String {
        if target.lastPoll == nil { return #"<span class="badge pending">pending</span>"# }
        return target.up ? #"<span class="badge up">up</span>"# : #"<span class="badge down">down</span>"#
    }

    private func labelsHTML(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { #" <span class="label">\#(e($0.key))=\#(e($0.value))</span>"# }.joined()
    }

    private func number(_ value: Int?) -> String {
        value.map(String.init) ?? #"<span class="muted">–</span>"#
    }

    private func time(_ date: Date?) -> String {
        guard let date else { return #"<span class="muted">never</span>"# }
        let text = TimeParameter.format(date)
        return
            #"<time datetime="\#(e(text))">\#(e(text))</time> <span class="muted small">\#(e(Self.ago(date, now: now)))</span>"#
    }

    /// "5m ago", "3h ago", "2d ago".
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded())
        if seconds < 0 { return "in the future" }
        if seconds < 60 { return "\(seconds)s ago" }
        if seconds < 3600 { return "\(seconds / 60)m ago" }
        if seconds < 86_400 { return "\(seconds / 3600)h ago" }
        return "\(seconds / 86_400)d ago"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1f2328;background:#fff}
        h1{margin:.2rem 0;font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.8rem}
        nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:.6rem 0;border-bottom:1px solid #d0d7de}
        a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
        table{border-collapse:collapse;width:100%;font-size:.92rem}
        th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top}
        th{background:#f6f8fa;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .muted{color:#656d76}.small{font-size:.8rem}
        .badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600}
        .badge.up{background:#dafbe1;color:#116329}.badge.down{background:#ffebe9;color:#a40e26}.badge.pending{background:#eaeef2;color:#424a53}
        .label{display:inline-block;margin-left:.3rem;padding:0 .35rem;border-radius:.3rem;background:#ddf4ff;color:#0550ae;font-size:.75rem}
        tr.error td{color:#a40e26;font-size:.85rem;background:#fff8f8}
        .warn{color:#a40e26}
        .change{font-weight:600}.change.added{color:#116329}.change.removed{color:#a40e26}.change.modified{color:#9a6700}
        footer{margin-top:2rem;font-size:.85rem}
        """
}
