import ArgumentParser
import Exporter
import Foundation
import InventoryModel
import Reconciliation
import Storage

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare billing (expected: sources) with the stored subscriptions and print the open findings.",
        discussion: """
            Reads every expected source and compares it with each target's subscriptions as its last poll stored
            them; findings are opened and closed in the database, as serve does. While serve runs (it holds the
            database), prints the findings of its last evaluation instead. With --ack, acknowledges one finding.

            Exit status: 0 no open finding, 1 open findings, 2 a source could not be used (findings are those of its
            last good read) or the database or configuration could not be.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only findings of this target.")
    var target: String?
    @Option(help: "Only findings of this kind: unbilled, missing, status_mismatch, plan_mismatch, owner_mismatch.")
    var kind: FindingKind?
    @Option(help: "Output format: table, json (the objects of GET /api/v1/reconciliation) or csv.")
    var format: FindingFormat = .table
    @Option(help: "Acknowledge this open finding (by its id) instead of evaluating.")
    var ack: Int64?
    @Option(help: "With --ack: a comment kept with the acknowledgement.")
    var comment: String?
    @Option(help: "With --ack: who acknowledges (default: the user running the command).")
    var by: String?

    enum FindingFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        guard !configuration.expected.isEmpty else {
            printError("no expected: sources in \(global.configFile); reconciliation compares them with the targets")
            throw ExitCode(2)
        }
        if let ack {
            let store = try global.openExistingStore(logger: logger)
            let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? "cli"
            guard let record = try await store.acknowledgeFinding(id: ack, by: who, comment: comment, at: Date()) else {
                printError("no open finding with id \(ack)")
                throw ExitCode(1)
            }
            print(try output([FindingDTO(record)]))
            return
        }
        var sourceFailed = false
        let store: SQLiteInventoryStore
        let lock: WriterLock?
        do {
            lock = try WriterLock.acquire(databasePath: global.storagePath)
        } catch let error as StorageError where error.code == .databaseBusy {
            lock = nil
        }
        if let lock {
            store = try await global.startup { try SQLiteInventoryStore(path: global.storagePath, logger: logger) }
            if let engine = configuration.reconciliationEngine(history: store, store: store) {
                let outcome = try await engine.run(at: Date())
                for failure in outcome.failures {
                    printError("\(failure); the findings are those of its last good read")
                    sourceFailed = true
                }
                if !outcome.unmatchedServers.isEmpty {
                    let names = outcome.unmatchedServers.keys.sorted()
                    let rows = outcome.unmatchedServers.values.reduce(0, +)
                    printError(
                        "note: \(rows) row(s) name a server no target here has, compared with none: "
                            + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
                            + " (right for another shard's servers; else a typo or a renamed server)")
                }
                if outcome.failures.isEmpty, outcome.evaluated.isEmpty {
                    printError(
                        "no target's last poll collected subscriptions: nothing was compared (plesk_exporter poll first)")
                }
            }
            withExtendedLifetime(lock) {}
        } else {
            // serve (or a poll) holds the database: serve evaluates continuously, so its last evaluation is shown.
            printError("another plesk_exporter process holds \(global.storagePath) (serve?): showing its last evaluation")
            store = try global.openReadOnlyStore(logger: logger)
            sourceFailed = try await store.expectedSources().contains { !$0.up }
        }
        let open = try await store.findings(FindingQuery(openOnly: true, target: target, kind: kind))
        print(try output(open.map(FindingDTO.init)))
        if sourceFailed { throw ExitCode(2) }
        if !open.isEmpty { throw ExitCode(1) }
    }

    private func output(_ findings: [FindingDTO]) throws -> String {
        switch format {
        case .table: FindingOutput.table(findings)
        case .json: try JSONOutput.string(findings, pretty: true)
        case .csv: FindingOutput.csv(findings)
        }
    }
}

extension FindingKind: ExpressibleByArgument {}
