import Foundation
import Inventory
import InventoryModel
import PleskAPI
import Reconciliation
import Storage
import TestSupport
import Testing

/// Whole reconciliations over a real SQLite file: targets polled by the real poller (from scripted sources), a CSV
/// file on disk, findings opened and closed, and every bad-source case leaving them untouched.
@Suite("Reconciliation: runs against polled targets and a CSV file")
struct ReconciliationEngineTests {
    final class Scenario: Sendable {
        let fixture: PollerFixture
        let store: SQLiteInventoryStore
        let csv: String

        init() throws {
            fixture = try PollerFixture(
                targets: [
                    .init(name: "web01", settings: PollSettings(jitterFraction: 0, collectOwners: false)),
                    .init(name: "web02", settings: PollSettings(jitterFraction: 0, collectOwners: false)),
                ])
            store = try SQLiteInventoryStore(path: fixture.databasePath, logger: PollerFixture.quiet)
            csv = fixture.directory.file("billing.csv")
            for (target, names) in [("web01", ["a.example", "b.example", "c.example"]), ("web02", ["d.example", "müller.example"])] {
                fixture.source(target).update { state in
                    state.domains = names.enumerated().map { PleskDomain.make($0.offset + 1, $0.element) }
                    state.clients = [.make(1, "admin", type: "admin"), .make(2, "alice"), .make(3, "bob")]
                    state.plans = [.make(1, "Basic"), .make(2, "Business")]
                    state.subscriptions = names.enumerated().map {
                        PleskSubscription.make($0.offset + 1, $0.element, owner: 2, plan: "plan-1")
                    }
                }
            }
        }

        func pollAll() async throws {
            fixture.clock.advance(60)
            for target in ["web01", "web02"] { _ = try await fixture.poll(target) }
        }

        func engine(waived: @escaping @Sendable (Finding) -> Bool = { _ in false }) -> ReconciliationEngine {
            ReconciliationEngine(
                sources: [CSVFileSource(name: "billing", path: csv)],
                targets: [.init(name: "web01"), .init(name: "web02")], history: store, store: store,
                shrinkGuard: ShrinkGuard(maxFraction: 0.7, confirmReads: 2), waived: waived)
        }

        func write(_ text: String) throws { try text.write(toFile: csv, atomically: true, encoding: .utf8) }

        func open() async throws -> Set<String> {
            Set(try await store.findings(FindingQuery()).map {
                "\($0.finding.kind.rawValue) \($0.finding.target) \($0.finding.subscription)"
            })
        }
    }

    /// Every subscription billed where it is, active, on Basic, owned by alice — and one planted difference of
    /// each kind.
    static let billing = """
        subscription,status,server,owner,plan,ref
        a.example,active,web01,alice,Basic,1
        b.example,terminated,web01,alice,Basic,2
        c.example,active,web01,bob,Basic,3
        d.example,active,web02,alice,Business,4
        MÜLLER.example,active,web02,alice,Basic,5
        e.example,active,web02,alice,Basic,6
        f.example,active,,alice,Basic,7
        g.example,terminated,,alice,Basic,8

        """

    @Test("each finding kind opens from a CSV; fixing the CSV closes them; IDN and case compare equal")
    func opensAndCloses() async throws {
        let s = try Scenario()
        try await s.pollAll()
        try s.write(Self.billing)
        let first = try await s.engine().run(at: TestClock.start)
        #expect(first.failures.isEmpty)
        #expect(first.evaluated == ["web01", "web02"])
        #expect(
            try await s.open() == [
                "status_mismatch web01 b.example", "owner_mismatch web01 c.example", "plan_mismatch web02 d.example",
                "missing web02 e.example", "missing  f.example",
            ])
        #expect(first.sources == [ExpectedSourceState(name: "billing", up: true, rows: 8, lastSuccessAt: TestClock.start)])

        // a.example leaves billing: unbilled. The rest is fixed.
        try s.write(
            """
            subscription,status,server,owner,plan,ref
            b.example,active,web01,alice,Basic,2
            c.example,active,web01,alice,Basic,3
            d.example,active,web02,alice,Basic,4
            müller.example,active,web02,alice,Basic,5
            """)
        let second = try await s.engine().run(at: TestClock.start.addingTimeInterval(60))
        #expect(second.changes.opened.map(\.finding.subscription) == ["a.example"])
        #expect(second.changes.closed.count == 5)
        #expect(try await s.open() == ["unbilled web01 a.example"])
    }

    @Test(
        "a bad source changes no finding and says why",
        arguments: [
            ("truncated", ExpectedSourceError.Reason.malformed),
            ("quote", .malformed), ("empty", .empty), ("headerOnly", .empty), ("missing", .unreadable),
            ("binary", .malformed),
        ])
    func badSource(kind: String, reason: ExpectedSourceError.Reason) async throws {
        let s = try Scenario()
        try await s.pollAll()
        try s.write(Self.billing)
        _ = try await s.engine().run(at: TestClock.start)
        let before = try await s.store.findings(FindingQuery())
        switch kind {
        case "truncated": try s.write(String(Self.billing.prefix(100)))
        case "quote": try s.write(Self.billing + "h.example,\"active")
        case "empty": try s.write("")
        case "headerOnly": try s.write("subscription,status\n")
        case "missing": try FileManager.default.removeItem(atPath: s.csv)
        default: try Data([0xff, 0xfe, 0x00, 0x41]).write(to: URL(fileURLWithPath: s.csv))
        }
        let outcome = try await s.engine().run(at: TestClock.start.addingTimeInterval(60))
        #expect(outcome.failures.map(\.reason) == [reason])
        #expect(outcome.evaluated.isEmpty)
        #expect(outcome.sources.first?.up == false)
        #expect(outcome.sources.first?.lastSuccessAt == TestClock.start)
        #expect(try await s.store.findings(FindingQuery()) == before)
    }

    @Test("a shrunken source is held until reads agree; then believed")
    func shrunken() async throws {
        let s = try Scenario()
        try await s.pollAll()
        try s.write(Self.billing)
        _ = try await s.engine().run(at: TestClock.start)
        let before = try await s.store.findings(FindingQuery())
        // One of eight rows: seven eighths lost, over the 70 % the guard allows here.
        try s.write(Self.billing.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n")
        let held = try await s.engine().run(at: TestClock.start.addingTimeInterval(60))
        #expect(held.failures.map(\.reason) == [.shrunken])
        #expect(try await s.store.findings(FindingQuery()) == before)
        let believed = try await s.engine().run(at: TestClock.start.addingTimeInterval(120))
        #expect(believed.failures.isEmpty)
        #expect(try await s.open().contains("unbilled web02 xn--mller-kva.example"))
    }

    @Test("a target whose poll failed keeps its findings; the fleet-wide missing ones wait for every target")
    func failedPoll() async throws {
        let s = try Scenario()
        try await s.pollAll()
        try s.write(Self.billing)
        _ = try await s.engine().run(at: TestClock.start)
        s.fixture.source("web02").update { $0.failDomains = .timeout }
        try await s.pollAll()
        // Billing fixed entirely: web01's findings close, web02's and the fleet-wide one stay.
        try s.write(
            """
            subscription,status,server,owner,plan,ref
            a.example,active,web01,alice,Basic,1
            b.example,active,web01,alice,Basic,2
            c.example,active,web01,alice,Basic,3
            """)
        let outcome = try await s.engine().run(at: TestClock.start.addingTimeInterval(60))
        #expect(outcome.evaluated == ["web01"])
        #expect(
            try await s.open() == [
                "plan_mismatch web02 d.example", "missing web02 e.example", "missing  f.example",
            ])
    }

    @Test("a target taken out of the configuration has its findings closed")
    func removedTarget() async throws {
        let s = try Scenario()
        try await s.pollAll()
        try s.write(Self.billing)
        _ = try await s.engine().run(at: TestClock.start)
        let web01Only = ReconciliationEngine(
            sources: [CSVFileSource(name: "billing", path: s.csv)], targets: [.init(name: "web01")], history: s.store,
            store: s.store, shrinkGuard: ShrinkGuard(maxFraction: 0.7, confirmReads: 2))
        let outcome = try await web01Only.run(at: TestClock.start.addingTimeInterval(60))
        #expect(Set(outcome.changes.closed.map(\.finding.target)) == ["web02"])
        #expect(!(try await s.open().contains { $0.contains("web02") }))
    }

    @Test("waived findings are not opened, and an open one that becomes waived closes")
    func waivers() async throws {
        let s = try Scenario()
        try await s.pollAll()
        try s.write(Self.billing)
        _ = try await s.engine().run(at: TestClock.start)
        _ = try await s.engine { $0.kind == .missing }.run(at: TestClock.start.addingTimeInterval(60))
        #expect(
            try await s.open() == [
                "status_mismatch web01 b.example", "owner_mismatch web01 c.example", "plan_mismatch web02 d.example",
            ])
    }
}
