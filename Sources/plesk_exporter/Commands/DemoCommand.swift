import ArgumentParser
import Exporter
import ExporterConfig
import Foundation
import InventoryModel
import Logging
import PleskAPI
import PleskSimulator

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a simulated Plesk and a fully working exporter against it (no Plesk needed).",
        discussion: """
            Two simulated Plesk servers on loopback (HTTPS with a self-signed certificate, pinned by fingerprint):
            web01 with a realistic demo inventory that changes every few seconds, and web02 with a generated one.
            History is kept in --storage.path (default data/demo.db).

            With --simulator-only, only one simulated Plesk is started, on --listen (default 127.0.0.1:8443), and its
            URL, API key, Basic-auth login and certificate fingerprint are printed together with a ready target for
            plesk_exporter.yml (also written to --write-config FILE): for trying dashboards, alert rules and scripts.
            """)

    @Option(name: .customLong("storage.path"), help: "Path to the SQLite database of the demo.")
    var storagePath: String = "data/demo.db"
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var web: WebOptions
    @Option(help: "Poll interval of the demo targets.")
    var interval: String = "15s"
    @Option(help: "How often the simulated inventory of web01 changes (0 = never).")
    var churn: String = "10s"
    @OptionGroup(title: "Simulated Plesk only") var simulator: SimulatorOnlyOptions

    func run() async throws {
        let logger = logging.makeLogger()
        guard let pollInterval = DurationParser.parse(interval), let churnEvery = DurationParser.parse(churn) else {
            throw ValidationError("--interval and --churn take durations like 15s")
        }
        if simulator.simulatorOnly {
            try await simulator.run(churn: churnEvery, logger: logger)
            return
        }
        let quiet = Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        let web01 = try SimulatedPlesk(configuration: .init(logger: quiet), inventory: .demo())
        let web02 = try SimulatedPlesk(
            configuration: .init(logger: quiet), inventory: .generate(domains: 250, clients: 40, subscriptions: 60, seed: 2))
        let settings = web.settings
        let whmcs = try SimulatedWHMCS(
            products: SimulatedWHMCS.demoProducts([("web01", web01.inventory), ("web02", web02.inventory)]))
        try await whmcs.withRunning { whmcsURL in
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await web01.run() }
            group.addTask { try await web02.run() }
            _ = try await web01.waitUntilRunning()
            _ = try await web02.waitUntilRunning()
            var configuration = ExporterConfiguration.demo(
                [("web01", web01), ("web02", web02)], interval: pollInterval)
            configuration.expected = [.demo(whmcs, url: whmcsURL)]
            try await runExporter(
                configuration: configuration, storagePath: storagePath, web: settings, logger: logger,
                extraServices: churnEvery > .zero ? [DemoChurn(simulator: web01, every: churnEvery, logger: logger)] : [],
                onListening: { port in
                    let host = settings.listenAddress.hasPrefix(":") ? "localhost" : settings.listenAddress
                        .split(separator: ":").dropLast().joined(separator: ":")
                    print(
                        """

                        plesk_exporter demo is running: open http://\(host):\(port)/
                          metrics: http://\(host):\(port)\(settings.telemetryPath)
                          events:  http://\(host):\(port)/api/v1/events
                        Simulated Plesk servers: \(web01.url) and \(web02.url); simulated WHMCS (billing,
                        see /api/v1/reconciliation): \(whmcsURL.absoluteString). Ctrl-C stops.

                        """)
                    fflush(nil)
                })
            group.cancelAll()
        }
        }
    }
}

extension ExporterConfiguration {
    /// The demo's configuration: each simulator as a target, authenticated by API key and pinned by fingerprint.
    static func demo(_ simulators: [(String, SimulatedPlesk)], interval: Duration) -> ExporterConfiguration {
        ExporterConfiguration(
            global: GlobalSettings(pollInterval: interval, timeout: .seconds(10)),
            targets: simulators.map { name, simulator in
                TargetConfiguration(
                    name: name, url: URL(string: simulator.url)!,
                    credentials: .apiKey(Secret(SimulatedPlesk.Configuration.defaultAPIKey)),
                    tls: PleskTLSOptions(fingerprintSHA256: simulator.certificateFingerprint),
                    pollInterval: interval, timeout: .seconds(10),
                    labels: ["environment": "demo"],
                    // The demo's usage changes every few seconds: read it every minute, not every hour.
                    collect: CollectSettings(
                        owners: true, ownersRefresh: .seconds(60), domainStatus: name == "web01",
                        usageRefresh: .seconds(60)))
            },
            metrics: MetricsSettings(domainInfo: true, subscriptionUsage: true))
    }
}

extension ExpectedSourceConfiguration {
    /// The demo's billing: the simulated WHMCS, pinned by fingerprint, read every minute.
    static func demo(_ whmcs: SimulatedWHMCS, url: URL) -> ExpectedSourceConfiguration {
        ExpectedSourceConfiguration(
            name: "whmcs",
            kind: .whmcs(
                .init(
                    url: url, identifierFile: "(demo)", identifier: Secret(whmcs.identifier), secretFile: "(demo)",
                    secret: Secret(whmcs.secret), tls: PleskTLSOptions(fingerprintSHA256: whmcs.certificate?.sha256Fingerprint),
                    timeout: .seconds(10))),
            interval: .seconds(60))
    }
}
