import Foundation
import TestSupport
import PleskSimulator
import InventoryModel
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary, killed with SIGKILL at random moments while it polls, then restarted.
@Suite("Crash safety", .tags(.heavy, .endToEnd))
struct CrashSafetyTests {
    @Test("kill -9 during polls loses no committed poll and neither repeats nor misses an event")
    func killedMidPoll() async throws {
        let binary = try exporterBinary()
        let directory = try TemporaryDirectory()
        let database = directory.file("plesk.db")
        let config = directory.file("plesk_exporter.yml")
        try await SimulatedPlesk.withRunning(
            configuration: SimulatedPlesk.quietConfiguration, inventory: .generate(domains: 3000, clients: 300, seed: 9)
        ) { plesk in
            try plesk.writeConfiguration(
                to: config,
                global: churnGlobal(),
                target: "collect: {owners: true, owners_refresh: 1h}")

            var random = SystemRandomNumberGenerator()
            var counter = 0
            for round in 0..<6 {
                let pid = try ChildProcess.start(
                    binary,
                    [
                        "serve", "--config.file", config, "--storage.path", database, "--web.listen-address",
                        "127.0.0.1:0", "--log.level", "error",
                    ])
                if round == 0 {
                    // The baseline first (however loaded the machine), so the kills below hit change polls.
                    let baselined = await eventually(within: .seconds(60)) {
                        let store = try? SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                        let polls = try? await store?.polls(target: "web01", since: nil, until: nil, limit: 1)
                        return polls?.first?.result == .success
                    }
                    #expect(baselined)
                }
                // Change the server while the exporter polls it, then kill it at an arbitrary moment.
                for _ in 0..<3 {
                    counter += 1
                    let domains = plesk.inventory.domains.filter { $0.baseDomainID == 0 }
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: try plesk.addDomain("crash-\(round)-\(counter).example")
                    case 1:
                        if let victim = domains.randomElement(using: &random) { try plesk.removeDomain(id: victim.id) }
                    default:
                        if let domain = domains.randomElement(using: &random) {
                            try plesk.renameDomain(id: domain.id, to: "renamed-\(round)-\(counter).example")
                        }
                    }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 100...900, using: &random)))
                }
                kill(pid, SIGKILL)
                #expect(await ChildProcess.waitForExit(pid) == 128 + SIGKILL)
            }

            // One last clean poll brings the store up to date.
            let final = try await ChildProcess.run(
                binary, ["poll", "--config.file", config, "--storage.path", database, "--log.level", "error"])
            #expect(final.status == 0, "\(final.stderr)")

            let store = try SQLiteInventoryStore(path: database, logger: testLogger)
            let events = try await allEvents(store)
            let polls = try await store.polls(target: "web01", since: nil, until: nil, limit: 1000)
            #expect(polls.filter { $0.result == .success }.count >= 2)
            #expect(events.contains { !$0.baseline })
            let replayed = replay(events)
            #expect(replayed.violations.isEmpty)
            #expect(replayed.present == truth(plesk))
            let stored = try await store.inventory(target: "web01", kind: nil, at: nil)
            #expect(stored.count == replayed.present.count)
        }
    }
}
