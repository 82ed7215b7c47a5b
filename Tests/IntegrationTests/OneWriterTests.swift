import Foundation
import PleskSimulator
import InventoryModel
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SPEC §9: one process polls a database. A second `poll` or `serve` on it is refused, naming the holder; `ack`,
/// `backup` and the read-only commands keep working; and under churn every change is recorded exactly once.
@Suite("End to end: one writer per database", .tags(.heavy, .endToEnd))
struct OneWriterTests {
    @Test("a second poller is refused naming serve's PID, and every change of a churning server is recorded once")
    func secondPollerUnderChurn() async throws {
        let binary = try exporterBinary()
        let directory = try TemporaryDirectory()
        let database = directory.file("plesk.db")
        let config = directory.file("plesk_exporter.yml")
        let log = directory.file("serve.log")
        try await SimulatedPlesk.withRunning(
            configuration: SimulatedPlesk.quietConfiguration, inventory: .generate(domains: 200, clients: 30, seed: 21)
        ) { plesk in
            try plesk.writeConfiguration(
                to: config,
                global: churnGlobal(timeout: "20s"))
            let common = ["--config.file", config, "--storage.path", database]
            let serve = try ExporterProcess.serve(common, log: log)
            _ = try await serve.port()
            let baselined = await eventually(within: .seconds(60)) {
                let store = try? SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                return (try? await store?.targets().first?.baselineAt) != nil
            }
            #expect(baselined, "\(serve.output.suffix(2000))")

            var random = SeededRandom(seed: 11)
            var renamed: Set<String> = []
            for round in 0..<12 {
                let domains = plesk.inventory.domains.filter { $0.baseDomainID == 0 }
                switch Int.random(in: 0..<4, using: &random) {
                case 0: try plesk.addDomain("writer-\(round).example")
                case 1: try plesk.removeDomain(id: domains[Int.random(in: 0..<domains.count, using: &random)].id)
                case 2:
                    let domain = domains[Int.random(in: 0..<domains.count, using: &random)]
                    renamed.insert(domain.guid)
                    try plesk.renameDomain(id: domain.id, to: "renamed-\(round).example")
                default: try plesk.addClient(login: "writer\(round)")
                }
                // The mistakes an operator makes: a cron'd `poll`, a second `serve` on the same database.
                let second = try await ChildProcess.run(
                    binary, (round % 3 == 0 ? ["serve", "--web.listen-address", "127.0.0.1:0"] : ["poll"]) + common)
                #expect(second.status == 2, "\(second.stderr)")
                #expect(second.stderr.contains("PID \(serve.pid)"), "\(second.stderr)")
                #expect(second.stderr.contains("already polling"), "\(second.stderr)")
                // What must keep working while serve runs.
                let events = try await ChildProcess.run(
                    binary, ["events", "--format", "json", "--storage.path", database])
                #expect(events.status == 0, "\(events.stderr)")
                let backup = try await ChildProcess.run(
                    binary, ["backup", "--storage.path", database, "--output", directory.file("copy-\(round).db")])
                #expect(backup.status == 0, "\(backup.stderr)")
            }
            let ack = try await ChildProcess.run(
                binary, ["ack", "--all", "--by", "tester", "--storage.path", database])
            #expect(ack.status == 0, "\(ack.stderr)")

            // serve catches up with the last change.
            let caughtUp = await eventually(within: .seconds(60)) {
                guard let store = try? SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true),
                    let events = try? await allEvents(store)
                else { return false }
                return replay(events).present == truth(plesk)
            }
            #expect(caughtUp)
            #expect(await serve.stop() == 0)

            let store = try SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
            let events = try await allEvents(store)
            let replayed = replay(events)
            #expect(replayed.violations.isEmpty, "\(replayed.violations)")
            #expect(replayed.present == truth(plesk))
            // No spurious `modified`: only the renamed domains changed, and each says which field.
            let modified = events.filter { $0.change == .modified }
            #expect(Set(modified.map(\.key)).isSubset(of: renamed), "\(modified.map(\.key))")
            #expect(modified.allSatisfy { !$0.changedFields.isEmpty })
            #expect(serve.output.contains("already exists") == false)
        }
    }
}
