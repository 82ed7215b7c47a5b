import Foundation
import PleskSimulator
import InventoryModel
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Webhooks through the real binary: a SIGKILL while a delivery is in flight loses nothing.
@Suite("Webhooks: the binary killed during a delivery", .tags(.heavy))
struct WebhookCrashTests {
    @Test("killed while the receiver holds the request: after a restart the event is delivered, the outbox empty")
    func killedDuringDelivery() async throws {
        let directory = try TemporaryDirectory()
        let receiver = WebhookReceiver()
        try await receiver.withRunning { port in
            try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
                let config = directory.file("plesk_exporter.yml")
                let database = directory.file("plesk.db")
                try plesk.writeConfiguration(
                    to: config, global: "poll_interval: 1s",
                    rest: """
                        notifications:
                          webhooks:
                            - url: http://127.0.0.1:\(port)/hook
                              match: {objects: [client]}
                        """)
                let arguments = ["--config.file", config, "--storage.path", database]
                let first = try ExporterProcess.serve(arguments, log: directory.file("first.log"))
                _ = try await first.port()
                let baselined = await eventually(within: .seconds(60)) {
                    let store = try? SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                    return (try? await store?.polls(target: "web01", since: nil, until: nil, limit: 1))??.first?.result
                        == .success
                }
                #expect(baselined)
                #expect(await receiver.requests.isEmpty, "the baseline must not be sent")

                await receiver.hold(.seconds(60))
                try plesk.addClient(login: "new-customer")
                let inFlight = await eventually(within: .seconds(60)) { await !receiver.requests.isEmpty }
                #expect(inFlight)
                #expect(await first.stop(SIGKILL) == 128 + SIGKILL)

                await receiver.hold(.zero)
                let second = try ExporterProcess.serve(arguments, log: directory.file("second.log"))
                let delivered = await eventually(within: .seconds(60)) {
                    await receiver.requests.count >= 2
                }
                #expect(delivered)
                let bodies = await receiver.payloads
                #expect(bodies.allSatisfy { $0.contains("new-customer") }, "\(bodies)")
                #expect(await second.stop() == 0)
                let store = try SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                #expect(try await store.queuedDeliveryCounts().isEmpty)
                // At least once: the copy the dead process had in flight, then the one that was answered.
                #expect(bodies.count == 2)
            }
        }
    }
}
