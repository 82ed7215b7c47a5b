import ArgumentParser
import Exporter
import ExporterConfig

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the scheduler and the HTTP server (the default).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var web: WebOptions

    func run() async throws {
        let logger = global.makeLogger()
        let settings = web.settings
        do {
            _ = try settings.validated()
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let configuration = try global.loadConfiguration(logger: logger)
        logger.info(
            "starting plesk_exporter",
            metadata: ["version": "\(BuildInfo.version)", "targets": "\(configuration.targets.count)"])
        try await global.startup {
            try await runExporter(
                configuration: configuration, storagePath: global.storagePath, web: settings, logger: logger)
        }
    }
}

extension WebOptions {
    var settings: WebSettings {
        WebSettings(
            listenAddress: listenAddress, telemetryPath: telemetryPath, webConfigFile: webConfigFile,
            enableAdminAPI: enableAdminAPI)
    }
}
