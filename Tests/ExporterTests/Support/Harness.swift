import ExporterConfig
import Foundation
import TestSupport
import Hummingbird
import Inventory
import Logging
import PleskAPI
import InventoryModel
import Storage

@testable import Exporter

/// A real SQLite store in a temporary directory (or TestSupport's in-memory store), pollers over fake sources, and the exporter's status and telemetry
/// listening to them — everything the HTTP surface reads, without sockets or timers.
final class Harness: Sendable {
    static let apiKey = "test-api-key-never-shown-7f3a9c"
    static let defaultTargets: [(name: String, labels: [String: String])] = [
        ("web01", ["datacenter": "fra1", "tier": "gold"]), ("web02", [:]),
    ]

    let directory: TemporaryDirectory
    let store: any InventoryStore
    let clock = TestClock()
    let configuration: ExporterConfiguration
    let telemetry: ExporterTelemetry
    let status: ExporterStatus
    let sources: [String: FakePleskSource]
    let pollers: [String: TargetPoller]

    init(
        targets: [(name: String, labels: [String: String])] = Harness.defaultTargets, domainInfo: Bool = false,
        clientStatistics: Bool = false, seed: Bool = true, inMemory: Bool = false
    ) async throws {
        directory = try TemporaryDirectory()
        let logger = Self.logger
        store =
            inMemory
            ? InMemoryInventoryStore() : try SQLiteInventoryStore(path: directory.file("exporter.db"), logger: logger)
        configuration = ExporterConfiguration(
            targets: targets.map { target in
                let host = target.name.filter { $0.isLetter || $0.isNumber }.lowercased()
                return TargetConfiguration(
                    name: target.name, url: URL(string: "https://\(host).example.com:8443")!,
                    credentials: .apiKey(Secret(Self.apiKey)), labels: target.labels)
            },
            metrics: MetricsSettings(domainInfo: domainInfo))
        telemetry = ExporterTelemetry(configuration: configuration)
        status = ExporterStatus(configuration: configuration, telemetry: telemetry, logger: logger)
        var sources: [String: FakePleskSource] = [:]
        var pollers: [String: TargetPoller] = [:]
        for target in configuration.targets {
            let source = FakePleskSource(targetName: target.name)
            if seed { Self.seed(source) }
            sources[target.name] = source
            pollers[target.name] = TargetPoller(
                target: target.name, url: PleskTarget(target, global: configuration.global).displayURL, source: source,
                store: store, settings: PollSettings(
                    jitterFraction: 0, collectOwners: true, collectClientStatistics: clientStatistics), clock: clock,
                logger: logger, listener: status)
        }
        self.sources = sources
        self.pollers = pollers
        try await status.attach(store)
    }

    /// Four clients (admin, two customers — one disabled —, a reseller) and three domains (two virtual with
    /// aliases on the first, one without hosting).
    static func seed(_ source: FakePleskSource) {
        source.update {
            $0.domains = [
                .make(1, "alpha.example", aliases: ["www-alpha.example", "alpha.example.net"]),
                .make(2, "beta.example"), .make(3, "gamma.example", hosting: "none"),
            ]
            $0.clients = [
                .make(1, "admin", type: "admin"), .make(2, "alice"), .make(3, "bob", status: 16),
                .make(4, "resell", type: "reseller"),
            ]
            $0.owners = [1: 2, 2: 2, 3: 3]
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    func source(_ target: String = "web01") -> FakePleskSource { sources[target]! }

    /// Advances the clock a minute and polls the target.
    @discardableResult
    func poll(_ target: String = "web01") async throws -> PollReport {
        clock.advance(60)
        return try await pollers[target]!.poll()
    }

    func pollAll() async throws {
        for target in configuration.targets { try await poll(target.name) }
    }

    func dependencies(web: WebSettings = WebSettings()) -> HTTPDependencies {
        let clock = self.clock
        return HTTPDependencies(status: status, history: store, acknowledger: store, telemetry: telemetry, web: web, now: { clock.now() })
    }

    func application(web: WebSettings = WebSettings()) -> some ApplicationProtocol {
        Application(router: buildRouter(dependencies(web: web)))
    }

    /// A fresh status attached to the same store, as after a restart.
    func restartedStatus() async throws -> ExporterStatus {
        let status = ExporterStatus(
            configuration: configuration, telemetry: ExporterTelemetry(configuration: configuration),
            logger: Self.logger)
        try await status.attach(store)
        return status
    }
}
