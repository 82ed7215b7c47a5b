import Foundation
import TestSupport
import PleskSimulator
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `serve` stops cleanly on SIGTERM and SIGINT, abandoning an in-flight poll without writing it.
@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    /// Waits until `condition` holds, checking every 20 ms, for at most `seconds`.
    static func eventually(within seconds: Double = 30, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

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
            let hanging = await Self.eventually { plesk.requestCount(.domains) == 1 }
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
