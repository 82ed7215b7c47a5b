import ArgumentParser
import ExporterConfig
import Exporter
import Foundation
import Logging
import InventoryModel
import Storage

/// Flags every subcommand shares (SPEC §4), named like other Prometheus exporters'.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("config.file"), help: "Path to the configuration file.")
    var configFile: String = "plesk_exporter.yml"

    @Option(name: .customLong("storage.path"), help: "Path to the SQLite database.")
    var storagePath: String = "data/plesk_exporter.db"

    @Option(
        name: .customLong("targets.shard"),
        help: "Poll only shard N of M of the configured targets (N/M, split by a stable hash of the target name).")
    var shard: String?

    @OptionGroup var logging: LoggingOptions

    /// Installs the process-wide log handler (once per process) and returns the exporter's logger.
    func makeLogger() -> Logger {
        logging.makeLogger()
    }

    /// Loads and validates the configuration file (logging its warnings), or exits with every problem listed.
    func loadConfiguration(logger: Logger) throws -> ExporterConfiguration {
        let configuration: ExporterConfiguration
        do {
            configuration = try ConfigLoader.load(path: configFile)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        for warning in configuration.warnings {
            logger.warning("configuration", metadata: ["problem": "\(warning)"])
        }
        guard let shard else { return configuration }
        guard let parsed = TargetShard(parsing: shard) else {
            printError("--targets.shard \"\(shard)\": expected N/M with 1 ≤ N ≤ M, e.g. 1/3")
            throw ExitCode(64)
        }
        let sharded = configuration.sharded(parsed)
        logger.info(
            "polling one shard of the targets",
            metadata: [
                "shard": "\(parsed)", "targets": "\(sharded.targets.map(\.name).joined(separator: ","))",
                "configured": "\(configuration.targets.count)",
            ])
        return sharded
    }
}

extension GlobalOptions {
    /// Opens the database for a read-only command (`events`, `inventory`, `report`): nothing is created or migrated.
    /// A missing file, a file that is not our database or one of another schema version exits with code 2.
    func openReadOnlyStore(logger: Logger) throws -> SQLiteInventoryStore {
        try openStore(logger: logger, readOnly: true)
    }

    /// Opens an existing database for writing (`ack`), never creating one; exits 2 like ``openReadOnlyStore(logger:)``.
    func openExistingStore(logger: Logger) throws -> SQLiteInventoryStore {
        guard FileManager.default.fileExists(atPath: storagePath) else {
            printError("no database at \(storagePath); poll once (plesk_exporter poll) or run serve first, or point --storage.path at it")
            throw ExitCode(2)
        }
        return try openStore(logger: logger, readOnly: false)
    }

    private func openStore(logger: Logger, readOnly: Bool) throws -> SQLiteInventoryStore {
        do {
            return try SQLiteInventoryStore(path: storagePath, logger: logger, readOnly: readOnly)
        } catch let error as StorageError where error.code == .missingDatabase {
            printError("\(error); poll once (plesk_exporter poll) or run serve first, or point --storage.path at it")
            throw ExitCode(2)
        } catch {
            printError("cannot open the database: \(error)")
            throw ExitCode(2)
        }
    }
}

extension GlobalOptions {
    /// Runs `body`, turning what stops a start — a `--web.config.file` with a problem (file, line and key), a
    /// database that cannot be used (busy with another poller, corrupt, locked, read-only, not ours, of a newer
    /// schema) — into one line on standard error and exit code 2, like the read-only commands.
    func startup<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ConfigError {
            printError(error.description)
            throw ExitCode(2)
        } catch let error as StorageError {
            printError("cannot use the database \(storagePath): \(error)")
            throw ExitCode(2)
        } catch let error as SQLiteError {
            printError("cannot use the database \(storagePath): \(error)")
            throw ExitCode(2)
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
