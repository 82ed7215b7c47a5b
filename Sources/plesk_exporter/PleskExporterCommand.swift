import ArgumentParser
import Exporter
import Inventory

@main
struct PleskExporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plesk_exporter",
        abstract: "Prometheus exporter and change history for Plesk servers.",
        version: "plesk_exporter \(BuildInfo.version) (revision \(BuildInfo.revision), Swift \(BuildInfo.swiftVersion))",
        subcommands: [
            ServeCommand.self, PollCommand.self, EventsCommand.self, InventoryCommand.self, ReportCommand.self,
            AckCommand.self, ReconcileCommand.self, BackupCommand.self, HashPasswordCommand.self, CheckConfigCommand.self,
            CreateAPIKeyCommand.self, DemoCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)

    static func main() async {
        ProcessMemory.limitArenas()
        await main(nil)
    }
}
