import ArgumentParser
import Exporter
import Foundation
import InventoryModel

struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory", abstract: "Print the domains and clients present at a time (default now).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The time to reconstruct (RFC 3339, Unix seconds, or a duration ago like 7d).")
    var at: String?
    @Option(help: "Only this target.")
    var target: String?
    @Option(help: "Only domains or clients.")
    var object: ObjectKind?
    @Option(help: "Output format: table, json or csv.")
    var format: InventoryFormat = .table

    func run() async throws {
        let logger = global.makeLogger()
        let when = try parseTime(at, "--at")
        let store = try global.openReadOnlyStore(logger: logger)
        let items = try await store.inventory(target: target, kind: object, at: when).map {
            InventoryItemDTO(target: $0.target, entry: $0.entry)
        }
        switch format {
        case .json: print(try JSONOutput.string(items, pretty: true))
        case .csv: print(InventoryOutput.csv(items))
        case .table: print(InventoryOutput.table(items))
        }
    }
}

enum InventoryFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case csv
}
