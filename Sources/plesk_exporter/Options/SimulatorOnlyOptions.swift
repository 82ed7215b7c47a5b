import ArgumentParser
import Exporter
import Foundation
import Logging
import PleskSimulator
import ServiceLifecycle

/// `demo --simulator-only`: one simulated Plesk and nothing else, until SIGINT or SIGTERM.
struct SimulatorOnlyOptions: ParsableArguments {
    @Flag(name: .customLong("simulator-only"), help: "Start only a simulated Plesk (no exporter) and print how to reach it.")
    var simulatorOnly = false
    @Option(help: "With --simulator-only: the address the simulated Plesk listens on (host:port; :0 picks a free port).")
    var listen: String = "127.0.0.1:8443"
    @Option(help: "With --simulator-only: serve a generated inventory of this many domains instead of the demo one.")
    var domains: Int?
    @Option(help: "With --simulator-only and --domains: this many clients (default domains / 5).")
    var clients: Int?
    @Option(
        help: """
            With --simulator-only and --domains: exactly this many of the domains are subscriptions (the others their \
            add-on domains and subdomains), with generated service plans (default: every top-level domain, no plans).
            """)
    var subscriptions: Int?
    @Flag(name: .customLong("plain-http"), help: "With --simulator-only: serve plain HTTP instead of HTTPS.")
    var plainHTTP = false
    @Option(name: .customLong("write-config"), help: "With --simulator-only: also write a plesk_exporter.yml for it here.")
    var writeConfig: String?

    func validate() throws {
        guard simulatorOnly || (domains == nil && clients == nil && subscriptions == nil && !plainHTTP && writeConfig == nil)
        else {
            throw ValidationError(
                "--domains, --clients, --subscriptions, --plain-http and --write-config go with --simulator-only")
        }
        if subscriptions != nil, domains == nil { throw ValidationError("--subscriptions goes with --domains") }
        if let subscriptions, subscriptions < 1 { throw ValidationError("--subscriptions must be at least 1") }
        if let domains, domains < 0 { throw ValidationError("--domains must not be negative") }
        if let clients, clients < 1 { throw ValidationError("--clients must be at least 1 (the admin)") }
    }

    func run(churn: Duration, logger: Logger) async throws {
        let address: ListenAddress
        do { address = try ListenAddress(parsing: listen) } catch {
            throw ValidationError("--listen \"\(listen)\": expected host:port, :port or [ipv6]:port")
        }
        let inventory: PleskInventory =
            domains.map { .generate(domains: $0, clients: clients ?? max(1, $0 / 5), subscriptions: subscriptions, seed: 1) }
            ?? .demo()
        let quiet = Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        let plesk = try SimulatedPlesk(
            configuration: .init(
                host: address.host ?? "0.0.0.0", port: address.port, tls: plainHTTP ? .disabled : .selfSigned,
                logger: quiet),
            inventory: inventory)
        var services: [any Service] = [try plesk.makeApplication()]
        if churn > .zero, domains == nil { services.append(DemoChurn(simulator: plesk, every: churn, logger: logger)) }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            _ = try await plesk.waitUntilRunning()
            let config = Self.targetConfiguration(plesk)
            if let writeConfig { try Self.writePrivately(config, to: writeConfig) }
            print(Self.banner(plesk, config: config))
            fflush(nil)
            try await tasks.waitForAll()
        }
    }

    /// Writes the configuration readable by its owner only: it holds the simulator's API key inline, and
    /// `check-config` warns about a world-readable file with a secret in it.
    static func writePrivately(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(
            atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw ValidationError("cannot write \(path)") }
        // createFile applies the mode after the umask; set it again so it is exactly 0600 before the file appears.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary)
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A complete plesk_exporter.yml with the simulator as its one target.
    static func targetConfiguration(_ plesk: SimulatedPlesk) -> String {
        var lines = [
            "targets:", "  - name: simulated", "    url: \(plesk.url)",
            "    api_key: \(SimulatedPlesk.Configuration.defaultAPIKey)",
        ]
        if let fingerprint = plesk.certificateFingerprint { lines.append("    tls: {fingerprint_sha256: \"\(fingerprint)\"}") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func banner(_ plesk: SimulatedPlesk, config: String) -> String {
        """

        Simulated Plesk is running: \(plesk.url)
          url:          \(plesk.url)
          api_key:      \(SimulatedPlesk.Configuration.defaultAPIKey)
          basic_auth:   \(SimulatedPlesk.Configuration.defaultUsername) / \(SimulatedPlesk.Configuration.defaultPassword)
          fingerprint:  \(plesk.certificateFingerprint ?? "none (plain HTTP)")
        A plesk_exporter.yml for it:

        \(config)
        Ctrl-C stops.

        """
    }
}
