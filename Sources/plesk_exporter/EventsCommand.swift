import ArgumentParser
import Foundation
import Exporter
import Storage

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
    @Option(help: "Output format: table or json (the objects of GET /api/v1/events).")
    var format: OutputFormat = .table

    func run() async throws {
        let logger = global.makeLogger()
        let query = EventQuery(
            target: target, kind: object, change: change, since: try parseTime(since, "--since"),
            until: try parseTime(until, "--until"))
        let store = try SQLiteInventoryStore(path: global.storagePath, logger: logger)
        let events = try await EventListing.all(store, matching: query).map(EventDTO.init)
        print(format == .json ? try JSONOutput.string(events, pretty: true) : EventOutput.table(events))
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
    return date
}
