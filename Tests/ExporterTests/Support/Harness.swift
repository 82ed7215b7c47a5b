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

    let fixture: PollerFixture
    let configuration: ExporterConfiguration
    let telemetry: ExporterTelemetry
    let status: ExporterStatus

    var store: any InventoryStore { fixture.store }
    var clock: TestClock { fixture.clock }
    var pollers: [String: TargetPoller] { fixture.pollers }

    init(
        targets: [(name: String, labels: [String: String])] = Harness.defaultTargets, domainInfo: Bool = false,
        clientStatistics: Bool = false, seed: Bool = true, inMemory: Bool = false, subscriptionUsage: Bool = false,
        expected: [ExpectedSourceConfiguration] = []
    ) async throws {
        let logger = Self.logger
        var configuration = ExporterConfiguration(
            targets: targets.map { target in
                let host = target.name.filter { $0.isLetter || $0.isNumber }.lowercased()
                return TargetConfiguration(
                    name: target.name, url: URL(string: "https://\(host).example.com:8443")!,
                    credentials: .apiKey(Secret(Self.apiKey)), labels: target.labels)
            },
            metrics: MetricsSettings(domainInfo: domainInfo, subscriptionUsage: subscriptionUsage))
        configuration.expected = expected
        self.configuration = configuration
        telemetry = ExporterTelemetry(configuration: configuration)
        status = ExporterStatus(configuration: configuration, telemetry: telemetry, logger: logger)
        let global = configuration.global
        fixture = try PollerFixture(
            targets: configuration.targets.map { target in
                PollerFixture.Target(
                    name: target.name, url: PleskTarget(target, global: global).displayURL,
                    settings: PollSettings(
                        jitterFraction: 0, collectOwners: true, collectClientStatistics: clientStatistics))
            },
            inMemory: inMemory, logger: logger, listener: status)
        if seed {
            for source in fixture.sources.values { Self.seed(source) }
        }
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

    func source(_ target: String = "web01") -> FakePleskSource { fixture.source(target) }

    /// Advances the clock a minute and polls the target.
    @discardableResult
    func poll(_ target: String = "web01") async throws -> PollReport {
        clock.advance(60)
        return try await pollers[target]!.poll()
    }

    func pollAll() async throws {
        for target in configuration.targets { try await poll(target.name) }
    }

    /// With `reconciliation`, the findings are read and acknowledged in the store (when it is the SQLite one), as
    /// when `expected:` sources are configured.
    func dependencies(web: WebSettings = WebSettings(), reconciliation: Bool = true) -> HTTPDependencies {
        let clock = self.clock
        let findings = reconciliation ? store as? any ReconciliationStore : nil
        return HTTPDependencies(
            status: status, history: store, acknowledger: store, telemetry: telemetry, web: web, findings: findings,
            findingAcknowledger: findings, now: { clock.now() })
    }

    func application(web: WebSettings = WebSettings(), reconciliation: Bool = true) -> some ApplicationProtocol {
        Application(router: buildRouter(dependencies(web: web, reconciliation: reconciliation)))
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
