import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PleskSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// `/metrics` with 20 targets: latency percentiles and request rate of the real `plesk_exporter serve`, and the
/// request rate of node_exporter on the same machine for comparison (when it is installed).
enum ScrapeBenchmark {
    static func run(exporterBinary: String) async throws {
        print("\n/metrics benchmark — 20 targets, sequential requests for latency, 4 concurrent clients for rate;")
        print("gzip rows send Accept-Encoding: gzip as Prometheus does (body_bytes is then the compressed size)")
        print("server                      requests  p50_ms  p99_ms  rate_req_per_s  body_bytes")
        let inventory = PleskInventory.generate(domains: 1_000, clients: 200, seed: 3)
        try await SimulatedPlesk.withRunning(configuration: .init(logger: Benchmark.quiet), inventory: inventory) { plesk in
            let directory = NSTemporaryDirectory() + "plesk-scrape-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var config = "global: {poll_interval: 1m}\ntargets:\n"
            for index in 1...20 {
                config += """
                      - name: web\(String(format: "%02d", index))
                        url: \(plesk.url)
                        api_key: \(SimulatedPlesk.Configuration.defaultAPIKey)
                        tls: {fingerprint_sha256: "\(plesk.certificateFingerprint ?? "")"}
                        labels: {datacenter: dc\(index % 3)}

                    """
            }
            try config.write(toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
            let port = try FreePort.next()
            let exporter = Process()
            exporter.executableURL = URL(fileURLWithPath: exporterBinary)
            exporter.arguments = [
                "serve", "--config.file", directory + "/config.yml", "--storage.path", directory + "/db.sqlite",
                "--web.listen-address", "127.0.0.1:\(port)", "--log.level", "error",
            ]
            exporter.standardError = FileHandle.nullDevice
            try exporter.run()
            defer { exporter.terminate() }
            try await HTTPClient.withHTTPClient { client in
                try await waitUntilReady(client, url: "http://127.0.0.1:\(port)/readyz")
                let metrics = "http://127.0.0.1:\(port)/metrics"
                try await measure(client, name: "plesk_exporter (20 targets)", url: metrics)
                try await measure(client, name: "plesk_exporter, gzip", url: metrics, gzip: true)
                Self.wrk(metrics, gzip: true)
                Self.wrk(metrics, gzip: false)
                let nodeExporter = "/usr/bin/prometheus-node-exporter"
                if FileManager.default.isExecutableFile(atPath: nodeExporter) {
                    // With its default collectors (real work per scrape), and with one trivial collector: the
                    // ceiling of a Go exporter's HTTP and gzip on this machine.
                    for (name, flags) in [
                        ("node_exporter (defaults)", [String]()),
                        ("node_exporter (time only)", ["--collector.disable-defaults", "--collector.time"]),
                    ] {
                        let nodePort = try FreePort.next()
                        let node = Process()
                        node.executableURL = URL(fileURLWithPath: nodeExporter)
                        node.arguments = ["--web.listen-address=127.0.0.1:\(nodePort)"] + flags
                        node.standardError = FileHandle.nullDevice
                        try node.run()
                        defer { node.terminate() }
                        let url = "http://127.0.0.1:\(nodePort)/metrics"
                        try await waitUntilReady(client, url: url)
                        try await measure(client, name: name, url: url, gzip: true)
                        Self.wrk(url, gzip: true, label: name + ", ")
                    }
                } else {
                    print("node_exporter             not installed (apt-get install prometheus-node-exporter)")
                }
            }
        }
    }

    static func measure(_ client: HTTPClient, name: String, url: String, gzip: Bool = false) async throws {
        var bytes = 0
        for _ in 0..<50 { bytes = try await scrape(client, url, gzip: gzip) }  // warm-up
        var latencies: [Double] = []
        for _ in 0..<1_000 {
            let start = ContinuousClock.now
            _ = try await scrape(client, url, gzip: gzip)
            latencies.append(milliseconds(ContinuousClock.now - start))
        }
        latencies.sort()
        let window = Duration.seconds(5)
        let start = ContinuousClock.now
        let count = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var done = 0
                    while ContinuousClock.now - start < window {
                        _ = try await scrape(client, url, gzip: gzip)
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let rate = Double(count) / milliseconds(ContinuousClock.now - start) * 1000
        print(
            String(
                format: "%@  %8d  %6.2f  %6.2f  %14.0f  %10d", name.padding(toLength: 26, withPad: " ", startingAt: 0),
                latencies.count, latencies[latencies.count / 2], latencies[latencies.count * 99 / 100], rate, bytes))
    }

    static func scrape(_ client: HTTPClient, _ url: String, gzip: Bool = false) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        if gzip { request.headers.add(name: "Accept-Encoding", value: "gzip") }
        let response = try await client.execute(request, timeout: .seconds(10))
        guard response.status == .ok else { throw BenchmarkError("\(url) answered \(response.status)") }
        return try await response.body.collect(upTo: 64 * 1024 * 1024).readableBytes
    }

    /// The issue's own measurement, when wrk is installed (apt-get install wrk): `wrk -t2 -c16 -d10s --latency`, with
    /// `Accept-Encoding: gzip` as Prometheus scrapes, or without for other clients. wrk runs on the same 2 cores as
    /// the exporter.
    static func wrk(_ url: String, gzip: Bool, label: String = "") {
        let path = "/usr/bin/wrk"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            print("wrk                       not installed (apt-get install wrk)")
            return
        }
        let wrk = Process()
        wrk.executableURL = URL(fileURLWithPath: path)
        wrk.arguments = ["-t2", "-c16", "-d10s", "--latency"] + (gzip ? ["-H", "Accept-Encoding: gzip"] : []) + [url]
        let output = Pipe()
        wrk.standardOutput = output
        wrk.standardError = FileHandle.nullDevice
        do { try wrk.run() } catch {
            print("wrk                       could not start: \(error)")
            return
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        wrk.waitUntilExit()
        func field(_ prefix: String) -> String {
            text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
                .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) }
                ?? "?"
        }
        let name = label + "wrk -t2 -c16 -d10s" + (gzip ? " gzip" : " plain")
        print("\(name.padding(toLength: 52, withPad: " ", startingAt: 0))p50 \(field("50%"))  p99 \(field("99%"))  "
            + "\(field("Requests/sec:")) req/s")
    }

    static func waitUntilReady(_ client: HTTPClient, url: String, every interval: Duration = .milliseconds(100))
        async throws
    {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let response = try? await client.execute(HTTPClientRequest(url: url), timeout: .seconds(2)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: interval)
        }
        throw BenchmarkError("\(url) did not become ready")
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
