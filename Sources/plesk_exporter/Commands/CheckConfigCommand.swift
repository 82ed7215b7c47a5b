import ArgumentParser
import Exporter
import ExporterConfig

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration file (and --web.config.file) and print what is wrong, line by line.")

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("web.config.file"),
        help: "Also check this exporter-toolkit web configuration, with its certificates and keys.")
    var webConfigFile: String?

    func run() throws {
        var failed = false
        do {
            let configuration = try ConfigLoader.load(path: global.configFile)
            print("\(global.configFile): OK" + (configuration.warnings.isEmpty ? "" : " (\(configuration.warnings.count) warnings)"))
            for warning in configuration.warnings { print("warning: \(warning)") }
            print(configuration.redactedSummary())
        } catch {
            print(error.description)
            failed = true
        }
        if let webConfigFile {
            do {
                let security = try WebSecurity.load(file: webConfigFile)
                print("\(webConfigFile): OK")
                print(security.configuration.summary())
                for warning in security.configuration.warnings {
                    print("warning: \(warning)")
                }
            } catch {
                print(error.description)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
