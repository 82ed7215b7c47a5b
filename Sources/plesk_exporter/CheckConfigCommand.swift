import ArgumentParser
import ExporterConfig

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Validate the configuration file and print what is wrong, line by line.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let configuration = try ConfigLoader.load(path: global.configFile)
            print("\(global.configFile): OK" + (configuration.warnings.isEmpty ? "" : " (\(configuration.warnings.count) warnings)"))
            for warning in configuration.warnings { print("warning: \(warning)") }
            print(configuration.redactedSummary())
        } catch {
            print(error.description)
            throw ExitCode(1)
        }
    }
}
