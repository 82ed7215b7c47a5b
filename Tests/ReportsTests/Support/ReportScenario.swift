import Foundation
import Inventory
import Logging
import PleskAPI
import Reports
import InventoryModel
import Storage
import TestSupport

/// A real store in a temporary directory and pollers over fake Plesk servers (TestSupport's ``PollerFixture``), driven
/// by a clock the test sets: every poll happens at exactly the time the script names.
final class ReportScenario: Sendable {
    let fixture: PollerFixture
    var store: any InventoryStore { fixture.store }
    var clock: TestClock { fixture.clock }

    /// - Parameter targets: name and whether owners are collected.
    init(targets: [(name: String, collectOwners: Bool)], start: Date = TestClock.start) throws {
        fixture = try PollerFixture(
            targets: targets.map {
                .init(name: $0.name, settings: PollSettings(jitterFraction: 0, collectOwners: $0.collectOwners))
            },
            clock: TestClock(start), logger: Self.logger)
    }

    /// Targets polled with their own settings (jitter off).
    init(targets: [PollerFixture.Target], start: Date = TestClock.start) throws {
        fixture = try PollerFixture(targets: targets, clock: TestClock(start), logger: Self.logger)
    }

    static var logger: Logger { PollerFixture.quiet }

    func source(_ target: String) -> FakePleskSource { fixture.source(target) }

    /// Sets the clock to `time` (never backwards), applies `change` to the target's fake server, and polls it.
    @discardableResult
    func poll(_ target: String, at time: Date, _ change: ((inout FakePleskSource.State) -> Void)? = nil) async throws
        -> PollReport
    {
        let step = time.timeIntervalSince(clock.now())
        precondition(step >= 0, "the scenario's clock only moves forwards")
        clock.advance(step)
        if let change { source(target).update(change) }
        return try await fixture.poll(target)
    }

    func acknowledge(_ report: PollReport, name: String, by: String, comment: String) async throws {
        let ids = report.events.filter { $0.name == name }.map(\.id)
        precondition(!ids.isEmpty, "no event of \(name) in that poll")
        _ = try await store.acknowledge(ids: ids, by: by, comment: comment, at: clock.now())
    }

    func report(from start: Date, to end: Date, targets: [String] = []) async throws -> InventoryReport {
        try await ReportBuilder(
            store: store, options: ReportOptions(period: try ReportPeriod(start: start, end: end), targets: targets)
        ).build()
    }
}

/// `2027-01-18T00:00:00Z` as a date.
func utc(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else { preconditionFailure("bad test time \(text)") }
    return date
}
