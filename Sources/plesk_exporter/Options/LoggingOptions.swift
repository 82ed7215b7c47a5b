import ArgumentParser
import Exporter
import Logging

/// `--log.level` and `--log.format`, shared by every subcommand.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log.level"), help: "Only log messages at this level or above: debug, info, warn, error.")
    var logLevel: String = "info"

    @Option(name: .customLong("log.format"), help: "Log line format: logfmt or json.")
    var logFormat: String = "logfmt"

    func validate() throws {
        guard Self.level(logLevel) != nil else {
            throw ValidationError("--log.level must be one of debug, info, warn, error (got '\(logLevel)')")
        }
        guard LogFormat(rawValue: logFormat) != nil else {
            throw ValidationError("--log.format must be logfmt or json (got '\(logFormat)')")
        }
    }

    /// Installs the process-wide log handler (once per process) and returns the exporter's logger.
    func makeLogger() -> Logger {
        let level = Self.level(logLevel) ?? .info
        let format = LogFormat(rawValue: logFormat) ?? .logfmt
        LoggingSystem.bootstrap { label in ExporterLogHandler(label: label, level: level, format: format) }
        return Logger(label: "plesk_exporter")
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
