import Foundation
import TestSupport
import PleskSimulator
import InventoryModel
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `serve` stops cleanly on SIGTERM and SIGINT, abandoning an in-flight poll without writing it.
@Suite("Graceful shutdown", .tags(.endToEnd))
struct GracefulShutdownTests {
    @Test("a signal during a hanging poll exits 0 and writes no poll", arguments: [SIGTERM, SIGINT])
    func signalDuringPoll(signal: Int32) async throws {
        let binary = try exporterBinary()
        let directory = try TemporaryDirectory()
        let database = directory.file("plesk.db")
        let config = directory.file("plesk_exporter.yml")
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
            plesk.inject(.hang, on: .domains)
            try plesk.writeConfiguration(to: config, global: "poll_interval: 1m\ntimeout: 5m")
            let pid = try ChildProcess.start(
                binary,
                ["serve", "--config.file", config, "--storage.path", database, "--web.listen-address", "127.0.0.1:0"])
            let hanging = await eventually { plesk.requestCount(.domains) == 1 }
            #expect(hanging)
            let started = ContinuousClock.now
            kill(pid, signal)
            let status = await ChildProcess.waitForExit(pid)
            #expect(status == 0)
            // The poll had a 5-minute deadline: it was abandoned, not waited for.
            #expect(ContinuousClock.now - started < .seconds(20))
            let store = try SQLiteInventoryStore(path: database, logger: testLogger)
            #expect(try await store.polls(target: nil, since: nil, until: nil, limit: 10).isEmpty)
            #expect(try await allEvents(store).isEmpty)
        }
    }
}
