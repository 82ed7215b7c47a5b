import ExporterConfig
import Foundation
import TestSupport
import HummingbirdTesting
import Logging
import NIOCore
import PleskSimulator
import Testing

@testable import Exporter

/// The real server on a socket (port 0), polling a simulated Plesk, scraped over HTTP.
@Suite("Live server")
struct LiveServerTests {
    static var quietLogger: Logger {
        var logger = Logger(label: "live-test")
        logger.logLevel = .critical
        return logger
    }

    /// Starts `runExporter` against `plesk`, runs `body` with the bound port, then cancels the exporter.
    func withExporter(
        plesk: SimulatedPlesk, web: WebSettings = WebSettings(listenAddress: "127.0.0.1:0"),
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        let configuration = ExporterConfiguration(
            targets: [
                TargetConfiguration(
                    name: "sim", url: try #require(URL(string: plesk.url)),
                    credentials: .apiKey(Secret(SimulatedPlesk.Configuration.defaultAPIKey)),
                    labels: ["env": "test"])
            ],
            metrics: MetricsSettings(domainInfo: true))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // If the exporter stops (or fails to start), the wait for a port below ends with nil.
                defer { continuation.finish() }
                try await runExporter(
                    configuration: configuration, storagePath: directory.file("exporter.db"), web: web,
                    logger: Self.quietLogger, onListening: { port in continuation.yield(port) })
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                continuation.finish()  // the listener never came up
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(port)
            group.cancelAll()
        }
    }


    @Test("GET /metrics over a socket passes promtool check metrics")
    func scrapeAndPromtool() async throws {
        let plesk = try SimulatedPlesk(configuration: .init(tls: .disabled), inventory: .demo())
        try await plesk.withRunning { plesk in
            try await withExporter(plesk: plesk) { port in
                #expect(port > 0)
                try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                    let ready = try await eventually(within: .seconds(20)) {
                        try await client.get("/readyz").status == .ok
                    }
                    #expect(ready, "the exporter did not become ready")
                    let response = try await client.get("/metrics")
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                    let text = response.body.map { String(buffer: $0) } ?? ""
                    let metrics = try Exposition(text)
                    #expect(metrics.value("plesk_up", ["target": "sim", "env": "test"]) == 1)
                    #expect((metrics.samples("plesk_domains", ["target": "sim"]).map(\.value).reduce(0, +)) > 0)
                    #expect(!metrics.samples("plesk_domain_info").isEmpty)
                    #expect(metrics.value("plesk_polls_total", ["target": "sim", "result": "success"]) == 1)
                    #expect(
                        !metrics.samples("plesk_api_request_duration_seconds_count", ["endpoint": "domains"]).isEmpty)
                    #expect(!metrics.samples("process_resident_memory_bytes").isEmpty)
                    let promtool = try Promtool.checkMetrics(text)
                    #expect(promtool.status == 0, "\(promtool.output)")
                    #expect(promtool.output.isEmpty, "promtool reported:\n\(promtool.output)")

                    let targets = try await client.get("/api/v1/targets")
                    let body = targets.body.map { String(buffer: $0) } ?? ""
                    let envelope = try JSONDecoder().decode(Envelope<[TargetDTO]>.self, from: Data(body.utf8))
                    #expect(envelope.data?.first?.up == true)
                    #expect(envelope.data?.first?.url == plesk.url)
                    #expect(!body.contains(SimulatedPlesk.Configuration.defaultAPIKey))
                    let landing = try await client.get("/")
                    #expect(landing.status == .ok)
                }
            }
        }
    }

    @Test("with no targets the server keeps running and is ready")
    func noTargets() async throws {
        let directory = try TemporaryDirectory()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await runExporter(
                    configuration: ExporterConfiguration(), storagePath: directory.file("exporter.db"),
                    web: WebSettings(listenAddress: "127.0.0.1:0"), logger: Self.quietLogger,
                    onListening: { continuation.yield($0) })
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                continuation.finish()
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                let ready = try await eventually(within: .seconds(20)) { try await client.get("/readyz").status == .ok }
                #expect(ready)
                #expect(try await client.get("/healthz").status == .ok)
            }
            group.cancelAll()
        }
    }
}
