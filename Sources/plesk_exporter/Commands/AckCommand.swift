import ArgumentParser
import Exporter
import Foundation
import InventoryModel

#if canImport(Glibc)
    import Glibc
#endif

struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge change events by id or by filter; prints what it acknowledged.",
        discussion: """
            Works on the database directly, also while serve runs (the metrics follow after its next poll).
            Name the events: --id (repeatable), or any of --target/--object/--change/--until, or --all.
            Baseline events are never listed or counted as unacknowledged, so they are left alone.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Acknowledge this event (repeatable).")
    var id: [Int64] = []
    @Option(help: "Only events of this target.")
    var target: String?
    @Option(help: "Only domain or client events.")
    var object: ObjectKind?
    @Option(help: "Only added, removed or modified events.")
    var change: ChangeKind?
    @Option(help: "Only events before this time (RFC 3339, Unix seconds, or a duration ago like 1h; default now).")
    var until: String?
    @Flag(help: "Every unacknowledged event (with no other filter).")
    var all = false
    @Option(help: "Who acknowledges (default: the Unix user).")
    var by: String?
    @Option(help: "Why: a ticket, a planned migration, …")
    var comment: String?
    @Option(help: "Output format: table or json (the acknowledged events as GET /api/v1/events shows them).")
    var format: OutputFormat = .table

    var hasFilter: Bool { target != nil || object != nil || change != nil || until != nil }

    func validate() throws {
        if !id.isEmpty && (hasFilter || all) {
            throw ValidationError("--id cannot be combined with --target, --object, --change, --until or --all")
        }
        if all && hasFilter { throw ValidationError("--all cannot be combined with a filter; drop --all") }
        if id.isEmpty && !hasFilter && !all {
            throw ValidationError(
                "name the events to acknowledge: --id N, or --target/--object/--change/--until, or --all for every one")
        }
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by must not be empty") }
    }

    func run() async throws {
        let logger = global.makeLogger()
        let store = try global.openExistingStore(logger: logger)
        let now = Date()
        let candidates: [EventRecord]
        if id.isEmpty {
            let query = EventQuery(
                target: target, kind: object, change: change, until: try parseTime(until, "--until") ?? now,
                acknowledged: false, includeBaseline: false)
            candidates = try await EventListing.all(store, matching: query)
        } else {
            var found: [EventRecord] = []
            var unknown: [Int64] = []
            for id in Set(id).sorted() {
                if let event = try await store.event(id: id) { found.append(event) } else { unknown.append(id) }
            }
            guard unknown.isEmpty else {
                printError("no event with id \(unknown.map(String.init).joined(separator: ", ")); nothing acknowledged")
                throw ExitCode(1)
            }
            candidates = found.filter { !$0.acknowledged }
            let already = found.count - candidates.count
            if already > 0 { printError("\(already) of the events were acknowledged already") }
        }
        let who = by ?? Self.unixUser
        let count = try await store.acknowledge(ids: candidates.map(\.id), by: who, comment: comment, at: now)
        // Re-read: what was acknowledged now, with who, when and why, exactly as the API shows it.
        var acknowledged: [EventDTO] = []
        for candidate in candidates {
            if let event = try await store.event(id: candidate.id), event.acknowledgedBy == who,
                event.acknowledgedAt == Date(unixMilliseconds: now.unixMilliseconds)
            {
                acknowledged.append(EventDTO(event))
            }
        }
        if format == .json {
            print(try JSONOutput.string(acknowledged, pretty: true))
        } else {
            print("acknowledged \(count) event\(count == 1 ? "" : "s") as \(who)\(comment.map { " (\($0))" } ?? "")")
            if !acknowledged.isEmpty { print(EventOutput.table(acknowledged)) }
        }
    }

    /// The login of the user running the command, for `acknowledged_by`.
    static var unixUser: String {
        if let name = getpwuid(getuid())?.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())"
    }
}
