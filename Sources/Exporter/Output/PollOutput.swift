import Foundation
import Inventory

/// How `plesk_exporter poll` prints its reports.
public enum PollOutput {
    struct TargetResult: Encodable {
        var target: String
        var result: String
        var errorReason: String?
        var errorMessage: String?
        var domains: Int?
        var clients: Int?
        var baseline: Bool
        var heldRemovals: Int
        var enrichmentFailures: Int
        var durationSeconds: Double
        var events: [EventDTO]

        enum CodingKeys: String, CodingKey {
            case target, result, domains, clients, baseline, events
            case errorReason = "error_reason"
            case errorMessage = "error_message"
            case heldRemovals = "held_removals"
            case enrichmentFailures = "enrichment_failures"
            case durationSeconds = "duration_seconds"
        }
    }

    public static func render(_ reports: [PollReport], json: Bool) throws -> String {
        let results = reports.map { report in
            TargetResult(
                target: report.target, result: report.succeeded ? "success" : "failure",
                errorReason: report.error?.reason.rawValue, errorMessage: report.error?.description,
                domains: report.poll.counts?.domains, clients: report.poll.counts?.clients, baseline: report.poll.baseline,
                heldRemovals: report.poll.heldDomains + report.poll.heldClients,
                enrichmentFailures: report.enrichmentFailures, durationSeconds: report.duration,
                events: report.events.map(EventDTO.init))
        }
        if json { return try JSONOutput.string(results, pretty: true) }
        var lines: [String] = []
        var table = TextTable(header: ["TARGET", "RESULT", "DOMAINS", "CLIENTS", "EVENTS", "HELD", "DETAIL"])
        for result in results {
            let detail =
                result.errorMessage
                ?? (result.baseline ? "baseline recorded (no alerts)" : "")
                + (result.enrichmentFailures > 0 ? " \(result.enrichmentFailures) enrichment calls failed" : "")
            table.append([
                result.target, result.result, result.domains.map(String.init) ?? "-",
                result.clients.map(String.init) ?? "-", String(result.events.count), String(result.heldRemovals), detail,
            ])
        }
        lines.append(table.render())
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
