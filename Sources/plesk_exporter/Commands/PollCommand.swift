import ArgumentParser
import Exporter
import Inventory

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Poll every target once, store the result, print the events; non-zero exit if a target failed.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let runtime = try await global.startup {
            // The table counts the baseline but lists only changes: only `--format json` prints baseline events.
            try await ExporterRuntime.build(
                configuration: configuration, storagePath: global.storagePath, logger: logger,
                reportsBaselineEvents: format == .json)
        }
        let reports = await runtime.pollOnce()
        await runtime.shutdown()
        print(try PollOutput.render(reports, json: format == .json))
        if reports.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
