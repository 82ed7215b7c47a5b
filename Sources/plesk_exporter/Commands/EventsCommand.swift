import ArgumentParser
import Foundation
import Exporter
import InventoryModel

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "List stored change events, oldest first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only events at or after this time (RFC 3339, Unix seconds, or a duration ago like 7d).")
    var since: String?
    @Option(help: "Only events before this time.")
    var until: String?
    @Option(help: "Only this target.")
    var target: String?
    @Option(help: "Only domain or client events.")
    var object: ObjectKind?
    @Option(help: "Only added, removed or modified events.")
    var change: ChangeKind?
    @Flag(name: .customLong("include-baseline"), help: "Also list the baseline (each target's first inventory).")
    var includeBaseline = false
    @Option(help: "Print at most this many events (the oldest matching ones).")
    var limit: Int?
    @Option(help: "Print only the newest N matching events (still oldest first).")
    var newest: Int?
    @Option(help: "Output format: table or json (the objects of GET /api/v1/events).")
    var format: OutputFormat = .table

    func validate() throws {
        if limit != nil && newest != nil { throw ValidationError("--limit and --newest cannot be combined") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let newest, newest < 1 { throw ValidationError("--newest must be at least 1") }
    }

    func run() async throws {
        let logger = global.makeLogger()
        let query = EventQuery(
            target: target, kind: object, change: change, since: try parseTime(since, "--since"),
            until: try parseTime(until, "--until"), includeBaseline: includeBaseline)
        let store = try global.openReadOnlyStore(logger: logger)
        let records =
            if let newest {
                try await EventListing.newest(newest, store, matching: query)
            } else {
                try await EventListing.all(store, matching: query, limit: limit)
            }
        let events = records.map(EventDTO.init)
        print(format == .json ? try JSONOutput.string(events, pretty: true) : EventOutput.table(events))
        // JSON stays the API's array on standard output; the note goes to standard error there.
        guard !includeBaseline else { return }
        let hidden = try await store.baselineEventCount(query)
        if hidden > 0 {
            let note = "\(hidden) baseline event\(hidden == 1 ? "" : "s") hidden (the first inventory of each target); --include-baseline lists them"
            if format == .json { printError(note) } else { print(note) }
        }
    }
}

extension ObjectKind: ExpressibleByArgument {}
extension ChangeKind: ExpressibleByArgument {}

/// Parses a time flag or fails with a usage error naming it.
func parseTime(_ text: String?, _ flag: String) throws -> Date? {
    guard let text else { return nil }
    guard let date = TimeParameter.parse(text) else {
        throw ValidationError("\(flag): '\(text)' is not RFC 3339, Unix seconds or a duration like 7d")
    }
    guard TimeParameter.range.contains(date) else {
        throw ValidationError("\(flag): '\(text)' is outside 1970-01-01 to 9999-12-31")
    }
    return date
}
