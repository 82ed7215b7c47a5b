import Exporter
import Foundation
import Inventory

/// How `plesk_exporter poll` prints its reports.
public enum PollOutput {
    /// One target's outcome in `poll --format json`: the poll as `GET /api/v1/polls` shows it, plus the events it
    /// wrote (as `GET /api/v1/events` shows them) and the enrichment calls that failed.
    struct TargetResult: Encodable {
        var poll: PollDTO
        var events: [EventDTO]
        var enrichmentFailures: Int

        enum CodingKeys: String, CodingKey {
            case poll, events
            case enrichmentFailures = "enrichment_failures"
        }

        init(_ report: PollReport) {
            poll = PollDTO(report.poll)
            events = report.events.map(EventDTO.init)
            enrichmentFailures = report.enrichmentFailures
        }
    }

    public static func render(_ reports: [PollReport], json: Bool) throws -> String {
        let results = reports.map(TargetResult.init)
        if json { return try JSONOutput.string(results, pretty: true) }
        var table = TextTable(header: [
            "TARGET", "RESULT", "DOMAINS", "CLIENTS", "SUBSCRIPTIONS", "PLANS", "EVENTS", "HELD", "DETAIL",
        ])
        for result in results {
            let poll = result.poll
            var detail = poll.error?.message ?? (poll.baseline ? "baseline recorded (no alerts)" : "")
            if result.enrichmentFailures > 0 { detail += " \(result.enrichmentFailures) enrichment calls failed" }
            // An XML API kind that failed: its count is the last known one, marked, and the reason is said.
            for (kind, error) in poll.failedKinds.sorted(by: { $0.key < $1.key }) {
                detail += (detail.isEmpty ? "" : "; ") + "\(kind)s not collected (\(error.reason)): \(error.message)"
            }
            func count(_ value: Int?, failed kind: String) -> String {
                guard let value else { return poll.failedKinds[kind] == nil ? "-" : "failed" }
                return poll.failedKinds[kind] == nil ? String(value) : "\(value)*"
            }
            let held = poll.heldRemovals
            table.append([
                poll.target, poll.result, poll.counts.map { String($0.domains) } ?? "-",
                poll.counts.map { String($0.clients) } ?? "-",
                count(poll.counts?.subscriptions, failed: "subscription"),
                count(poll.counts?.servicePlans, failed: "plan"), String(poll.eventCount),
                String(held.domain + held.client + held.subscription + held.plan), detail,
            ])
        }
        var lines = [table.render()]
        // The count is the poll row's: `poll` asks for the baseline events only with `--format json`.
        let events = results.flatMap(\.events).filter { !$0.baseline }
        if !events.isEmpty {
            lines.append("")
            lines.append(EventOutput.table(events))
        }
        return lines.joined(separator: "\n")
    }
}

/// How the CLI prints events as a table.
public enum EventOutput {
    public static func table(_ events: [EventDTO]) -> String {
        var table = TextTable(header: ["ID", "AT", "TARGET", "OBJECT", "CHANGE", "NAME", "FIELDS", "ACK"])
        for event in events {
            table.append([
                String(event.id), event.at, event.target, event.object,
                event.baseline ? "\(event.change) (baseline)" : event.change, event.name,
                event.changedFields.joined(separator: ","), event.acknowledged ? "yes" : "no",
            ])
        }
        return table.render()
    }
}
