import Foundation
import Inventory
import InventoryModel
import Logging
import Storage

/// A store — a real SQLite file in a temporary directory, or ``InMemoryInventoryStore`` — with one fake Plesk source
/// and one poller per target, on a clock the test moves: what the poller, report and HTTP tests drive.
public final class PollerFixture: Sendable {
    /// One target: its name, its URL as the poller reports it, and how it is polled.
    public struct Target: Sendable {
        public var name: String
        public var url: String
        public var settings: PollSettings

        public init(name: String, url: String? = nil, settings: PollSettings = PollSettings(jitterFraction: 0)) {
            self.name = name
            self.url = url ?? "https://\(name).example.com:8443"
            self.settings = settings
        }
    }

    public let directory: TemporaryDirectory
    /// Where the SQLite database is (nothing is there for an in-memory store).
    public let databasePath: String
    public let store: any InventoryStore
    public let clock: TestClock
    public let sources: [String: FakePleskSource]
    public let pollers: [String: TargetPoller]

    public init(
        targets: [Target], inMemory: Bool = false, clock: TestClock = TestClock(), logger: Logger = PollerFixture.quiet,
        listener: (any PollListener)? = nil, budget: FullPollBudget? = nil
    ) throws {
        directory = try TemporaryDirectory()
        databasePath = directory.file("exporter.db")
        store = inMemory ? InMemoryInventoryStore() : try SQLiteInventoryStore(path: databasePath, logger: logger)
        self.clock = clock
        var sources: [String: FakePleskSource] = [:]
        var pollers: [String: TargetPoller] = [:]
        for target in targets {
            let source = FakePleskSource(targetName: target.name)
            sources[target.name] = source
            pollers[target.name] = TargetPoller(
                target: target.name, url: target.url, source: source, store: store, settings: target.settings,
                clock: clock, logger: logger, listener: listener, budget: budget)
        }
        self.sources = sources
        self.pollers = pollers
    }

    public static var quiet: Logger { Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }) }

    public func source(_ target: String) -> FakePleskSource { sources[target]! }

    /// Polls the target now (the clock as the test left it).
    @discardableResult
    public func poll(_ target: String) async throws -> PollReport {
        try await pollers[target]!.poll()
    }
}
