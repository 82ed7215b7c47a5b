import ArgumentParser
import Exporter
import ExporterConfig
import Logging
import PleskAPI

struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration file (and --web.config.file) and print what is wrong, line by line.",
        discussion: """
            With --probe, also calls each target once: the REST API (/api/v2/server) and, when subscriptions or \
            service plans are collected, the XML API (one service-plan get), and says what to change on the Plesk \
            side when a server refuses one of them.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("web.config.file"),
        help: "Also check this exporter-toolkit web configuration, with its certificates and keys.")
    var webConfigFile: String?

    @Flag(help: "Call every target's REST and XML API once and report what answers.")
    var probe = false

    func run() async throws {
        var failed = false
        var loaded: ExporterConfiguration?
        do {
            let configuration = try ConfigLoader.load(path: global.configFile)
            loaded = configuration
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
        if probe, let loaded {
            let logger = Logger(label: "plesk_exporter.probe", factory: { _ in SwiftLogNoOpLogHandler() })
            for target in loaded.targets where !(await Self.probe(target, global: loaded.global, logger: logger)) {
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Prints one line per API of the target; false when one of them did not answer.
    private static func probe(_ target: TargetConfiguration, global: GlobalSettings, logger: Logger) async -> Bool {
        let client: PleskAPIClient
        do {
            client = try PleskAPIClient(target: PleskTarget(target, global: global), logger: logger)
        } catch {
            print("probe \(target.name): cannot build a client: \(error)")
            return false
        }
        var ok = true
        do {
            let server = try await client.server()
            print("probe \(target.name): REST API OK (\(server.hostname), Plesk \(server.panelVersion))")
        } catch {
            print("probe \(target.name): REST API FAILED: \(error)")
            ok = false
        }
        if target.collect.subscriptions || target.collect.servicePlans {
            do {
                let plans = try await client.servicePlans()
                print("probe \(target.name): XML API OK (\(plans.count) service plans)")
            } catch let error as PleskAPIError {
                // The client's message already says what to change on the Plesk side.
                print("probe \(target.name): XML API FAILED: \(error)")
                if error.reason == .refused || error.reason == .auth {
                    print("  or set collect.subscriptions and collect.service_plans to false for \(target.name)")
                }
                ok = false
            } catch {
                print("probe \(target.name): XML API FAILED: \(error)")
                ok = false
            }
        }
        await client.shutdown()
        return ok
    }
}
