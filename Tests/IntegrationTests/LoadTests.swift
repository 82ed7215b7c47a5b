import AsyncHTTPClient
import Foundation
import NIOCore
import PleskSimulator
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Several clients hammer `/metrics` and the JSON API of the real binary while it polls a large inventory whose
/// `/clients` answers only after 6 s: every request succeeds, none waits for a poll, and memory stays bounded.
@Suite("End to end: load while polling", .tags(.heavy, .endToEnd))
struct LoadTests {
    /// Resident memory of `pid` in KiB (`VmRSS`).
    static func residentKiB(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    @Test("eight clients for 15 s during slow polls: no error, no request waits for a poll, RSS bounded")
    func hammerDuringPolls() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        let log = directory.file("serve.log")
        try await SimulatedPlesk.withRunning(
            configuration: SimulatedPlesk.quietConfiguration, inventory: .generate(domains: 5000, clients: 1000, seed: 8)
        ) { plesk in
            try plesk.writeConfiguration(
                to: config, global: "poll_interval: 1s\ntimeout: 60s", target: "collect: {owners: false}")
            let serve = try ExporterProcess.serve(
                ["--config.file", config, "--storage.path", directory.file("plesk.db")], log: log)
            let port = try await serve.port()
            let base = "http://127.0.0.1:\(port)"
            let ready = await EndToEndTests.eventually { try await EndToEndTests.get(base + "/readyz").status == 200 }
            #expect(ready)
            // From now on every poll spends 6 s waiting for /clients: a request that waited for a poll would take
            // at least that long.
            let pollStall = 6.0
            plesk.inject(.delay(.seconds(6)), on: .clients)
            let warm = Self.residentKiB(serve.pid)

            let paths = [
                "/metrics", "/api/v1/targets", "/api/v1/events?limit=100", "/api/v1/polls?limit=50",
                "/api/v1/inventory?object=client", "/api/v1/history", "/", "/readyz",
            ]
            let end = ContinuousClock.now + .seconds(15)
            let results = try await withThrowingTaskGroup(of: (latencies: [Double], errors: [String]).self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var latencies: [Double] = []
                        var errors: [String] = []
                        var index = worker
                        while ContinuousClock.now < end {
                            let path = paths[index % paths.count]
                            index += 1
                            let started = ContinuousClock.now
                            do {
                                var request = HTTPClientRequest(url: base + path)
                                if path == "/metrics" { request.headers.add(name: "Accept-Encoding", value: "gzip") }
                                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                                _ = try await response.body.collect(upTo: 64 << 20)
                                if response.status.code != 200 { errors.append("\(path): \(response.status.code)") }
                            } catch {
                                errors.append("\(path): \(error)")
                            }
                            latencies.append((ContinuousClock.now - started) / .seconds(1))
                        }
                        return (latencies, errors)
                    }
                }
                var all: (latencies: [Double], errors: [String]) = ([], [])
                for try await result in group {
                    all.latencies += result.latencies
                    all.errors += result.errors
                }
                return all
            }
            let peak = Self.residentKiB(serve.pid)
            let polls = try await EndToEndTests.get(base + "/api/v1/polls?limit=1000").body
                .components(separatedBy: "\"result\":\"success\"").count - 1

            let sorted = results.latencies.sorted()
            let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
            print(
                "load: \(sorted.count) requests by 8 clients in 15 s, \(results.errors.count) errors, "
                    + "p50 \(Int((sorted.isEmpty ? 0 : sorted[sorted.count / 2]) * 1000)) ms, p99 \(Int(p99 * 1000)) ms, "
                    + "max \(Int((sorted.last ?? 0) * 1000)) ms; \(polls) polls; RSS \(warm / 1024) → \(peak / 1024) MiB")
            #expect(results.errors.isEmpty, "\(results.errors.prefix(10))")
            #expect(sorted.count > 100)
            // No request waited for a poll: each poll took over 6 s, no request took that long.
            #expect((sorted.last ?? 0) < pollStall, "slowest request \(sorted.last ?? 0) s")
            // Bounded: serving a steady inventory under load does not grow memory without bound.
            #expect(peak < warm + 96 * 1024, "RSS \(warm / 1024) → \(peak / 1024) MiB")

            plesk.clearFaults()
            #expect(await serve.stop() == 0)
        }
    }
}
