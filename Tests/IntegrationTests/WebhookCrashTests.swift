import Foundation
import PleskSimulator
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Webhooks through the real binary: a SIGKILL while a delivery is in flight loses nothing.
@Suite("Webhooks: the binary killed during a delivery")
struct WebhookCrashTests {
    @Test("killed while the receiver holds the request: after a restart the event is delivered, the outbox empty")
    func killedDuringDelivery() async throws {
        let binary = try EndToEndTests.binary()
        let directory = try TemporaryDirectory()
        let receiver = WebhookReceiver()
        try await receiver.withRunning { port in
            try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
                let config = directory.file("plesk_exporter.yml")
                let database = directory.file("plesk.db")
                try """
                global: {poll_interval: 1s}
                targets:
                  - name: web01
                    url: \(plesk.url)
                    api_key: \(SimulatedPlesk.Configuration.defaultAPIKey)
                    tls: {fingerprint_sha256: "\(plesk.certificateFingerprint ?? "")"}
                notifications:
                  webhooks:
                    - url: http://127.0.0.1:\(port)/hook
                      match: {objects: [client]}
                """.write(toFile: config, atomically: true, encoding: .utf8)
                let arguments = [
                    "serve", "--config.file", config, "--storage.path", database, "--web.listen-address", "127.0.0.1:0",
                ]
                let firstLog = directory.file("first.log")
                let first = try ChildProcess.start(binary, arguments, logFile: firstLog)
                var running: pid_t? = first
                defer { if let running { kill(running, SIGKILL) } }
                _ = try await EndToEndTests.awaitPort(in: firstLog, pattern: #"port=(\d+)"#)
                let baselined = await GracefulShutdownTests.eventually(within: 60) {
                    let store = try? SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                    return (try? await store?.polls(target: "web01", since: nil, until: nil, limit: 1))??.first?.result
                        == .success
                }
                #expect(baselined)
                #expect(await receiver.requests.isEmpty, "the baseline must not be sent")

                await receiver.hold(.seconds(60))
                try plesk.addClient(login: "new-customer")
                let inFlight = await GracefulShutdownTests.eventually(within: 60) { await !receiver.requests.isEmpty }
                #expect(inFlight)
                kill(first, SIGKILL)
                #expect(await ChildProcess.waitForExit(first) == 128 + SIGKILL)
                running = nil

                await receiver.hold(.zero)
                let second = try ChildProcess.start(binary, arguments, logFile: directory.file("second.log"))
                running = second
                let delivered = await GracefulShutdownTests.eventually(within: 60) {
                    await receiver.requests.count >= 2
                }
                #expect(delivered)
                let bodies = await receiver.payloads
                #expect(bodies.allSatisfy { $0.contains("new-customer") }, "\(bodies)")
                kill(second, SIGTERM)
                #expect(await ChildProcess.waitForExit(second) == 0)
                running = nil
                let store = try SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                #expect(try await store.queuedDeliveryCounts().isEmpty)
                // At least once: the copy the dead process had in flight, then the one that was answered.
                #expect(bodies.count == 2)
            }
        }
    }
}
