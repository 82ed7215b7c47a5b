import ArgumentParser
import Foundation
import Reports
import InventoryModel

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an inventory report for a period (default: the last 7 days).",
        discussion: """
            Per target: domains and clients at the start and at the end, every change in between, top clients by \
            domains, poll availability, held removals and unacknowledged changes. The same database and period always \
            give the same bytes.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Start of the period as a duration ago (7d) or a time; default 7 days before the end.")
    var since: String?
    @Option(help: "Start of the period (RFC 3339, Unix seconds, or a duration ago); same as --since.")
    var from: String?
    @Option(help: "End of the period (default now).")
    var to: String?
    @Option(name: .customLong("target"), help: "Only this target (repeatable; default every target).")
    var targets: [String] = []
    @Option(help: "Output format: markdown, csv, json or html.")
    var format: ReportFormat = .markdown
    @Option(
        help: """
            Write the report to this file (atomically: a temporary file renamed into place), not standard output;             {date} in the name becomes the period's end date (YYYY-MM-DD, UTC), for dated weekly files.
            """)
    var output: String?

    func validate() throws {
        if since != nil && from != nil {
            throw ValidationError("--since and --from both set the start of the period; give one of them")
        }
        _ = try period(now: Date())
    }

    /// The period the flags describe; a bad time or an empty or reversed period is a usage error (exit 64).
    func period(now: Date) throws -> ReportPeriod {
        let start = try parseTime(since ?? from, since != nil ? "--since" : "--from")
        let end = try parseTime(to, "--to")
        do {
            return try ReportPeriod.resolve(start: start, end: end, now: now)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        let logger = global.makeLogger()
        let period = try period(now: Date())
        let store = try global.openReadOnlyStore(logger: logger)
        do {
            let report = try await ReportBuilder(
                store: store, options: ReportOptions(period: period, targets: targets), findings: store
            ).build()
            let text = report.render(format)
            guard let output = output.map({ Self.expand($0, end: period.end) }) else {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            try ReportFile.write(text, to: output)
            logger.info(
                "report written",
                metadata: [
                    "path": "\(output)", "format": "\(format.rawValue)",
                    "targets": "\(report.targets.map(\.target).joined(separator: ","))",
                    "changes": "\(report.targets.reduce(0) { $0 + $1.changes.count })",
                ])
        } catch let error as ReportError {
            // Nothing was written: the report is rendered whole before any file is touched.
            printError(error.message)
            throw ExitCode(1)
        }
    }
}

extension ReportCommand {
    /// `{date}` → the period's end date, so a timer can keep one file per week.
    static func expand(_ path: String, end: Date) -> String {
        guard path.contains("{date}") else { return path }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: end)
        let date = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        return path.replacingOccurrences(of: "{date}", with: date)
    }
}

extension ReportFormat: ExpressibleByArgument {}
