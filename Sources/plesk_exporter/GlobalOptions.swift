import ArgumentParser
import ExporterConfig
import Exporter
import Foundation
import Logging

/// Flags every subcommand shares (SPEC §4), named like other Prometheus exporters'.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("config.file"), help: "Path to the configuration file.")
    var configFile: String = "plesk_exporter.yml"

    @Option(name: .customLong("storage.path"), help: "Path to the SQLite database.")
    var storagePath: String = "data/plesk_exporter.db"

    @Option(name: .customLong("log.level"), help: "Only log messages at this level or above: debug, info, warn, error.")
    var logLevel: String = "info"

    @Option(name: .customLong("log.format"), help: "Log line format: logfmt or json.")
    var logFormat: String = "logfmt"

    func validate() throws {
        try Self.validateLogging(level: logLevel, format: logFormat)
    }

    /// Installs the process-wide log handler (once per process) and returns the exporter's logger.
    func makeLogger() -> Logger {
        Self.makeLogger(level: logLevel, format: logFormat)
    }

    static func validateLogging(level: String, format: String) throws {
        guard Self.level(level) != nil else {
            throw ValidationError("--log.level must be one of debug, info, warn, error (got '\(level)')")
        }
        guard LogFormat(rawValue: format) != nil else {
            throw ValidationError("--log.format must be logfmt or json (got '\(format)')")
        }
    }

    static func makeLogger(level: String, format: String) -> Logger {
        let level = Self.level(level) ?? .info
        let format = LogFormat(rawValue: format) ?? .logfmt
        LoggingSystem.bootstrap { label in ExporterLogHandler(label: label, level: level, format: format) }
        return Logger(label: "plesk_exporter")
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
        return configuration
    }

    static func level(_ text: String) -> Logger.Level? {
        switch text.lowercased() {
        case "debug": .debug
        case "info": .info
        case "warn", "warning": .warning
        case "error": .error
        default: nil
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
