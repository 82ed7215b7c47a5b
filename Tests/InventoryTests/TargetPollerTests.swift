import Foundation
import TestSupport
import Logging
import PleskAPI
import InventoryModel
import Storage
import Testing

@testable import Inventory

/// A poller over a fake source and a real SQLite file (or the in-memory store of TestSupport).
private struct Harness {
    let directory: TemporaryDirectory
    let store: any InventoryStore
    let source: FakePleskSource
    let clock = TestClock()
    let poller: TargetPoller

    init(settings: PollSettings = PollSettings(collectOwners: false), inMemory: Bool = false) throws {
        directory = try TemporaryDirectory()
        store =
            inMemory
            ? InMemoryInventoryStore()
            : try SQLiteInventoryStore(path: directory.file("test.db"), logger: Logger(label: "test"))
        source = FakePleskSource(targetName: "web01")
        poller = TargetPoller(
            target: "web01", url: "https://web01.example:8443", source: source, store: store, settings: settings,
            clock: clock, logger: Logger(label: "test"))
    }

    func poll() async throws -> PollReport {
        clock.advance(60)
        return try await poller.poll()
    }

    func changes(_ report: PollReport) -> Set<String> {
        Set(report.events.map { "\($0.change.rawValue) \($0.kind.rawValue) \($0.name)" })
    }
}

@Suite("Target poller over SQLite")
struct TargetPollerTests {
    @Test("baseline, then additions, a rename and a removal, each exactly once (SQLite, in-memory store)",
        arguments: [false, true])
    func lifecycle(inMemory: Bool) async throws {
        let h = try Harness(inMemory: inMemory)
        h.source.update {
            $0.domains = (1...10).map { PleskDomain.make($0, "d\($0).example") }
            $0.clients = [.make(1, "admin", type: "admin"), .make(2, "alice")]
        }
        let baseline = try await h.poll()
        #expect(baseline.succeeded)
        #expect(baseline.poll.baseline)
        #expect(baseline.events.count == 12)
        #expect(baseline.events.allSatisfy { $0.baseline && $0.change == .added })

        let unchanged = try await h.poll()
        #expect(unchanged.events.isEmpty)
        #expect(!unchanged.poll.baseline)

        h.source.update {
            $0.domains[0].name = "renamed.example"
            $0.domains[0].asciiName = "renamed.example"
            $0.domains.removeLast()
            $0.domains.append(.make(11, "new.example"))
            $0.clients[1].status = 16
        }
        let changed = try await h.poll()
        #expect(
            h.changes(changed) == [
                "modified domain renamed.example", "removed domain d10.example", "added domain new.example",
                "modified client alice",
            ])
        let rename = try #require(changed.events.first { $0.name == "renamed.example" })
        #expect(rename.key == "dom-1")
        #expect(rename.changedFields == ["ascii_name", "name"])
        let status = try #require(changed.events.first { $0.name == "alice" })
        #expect(status.changedFields == ["status"])
        #expect(status.beforeJSON == #"{"status":0}"#)
        #expect(status.afterJSON == #"{"status":16}"#)
        #expect(try await h.poll().events.isEmpty)
    }

    @Test("a new poller reads the memory the last changed poll kept: an object added then gone is removed",
        arguments: [false, true])
    func keptMemoryAfterChange(inMemory: Bool) async throws {
        let h = try Harness(inMemory: inMemory)
        let domains = (1...20).map { PleskDomain.make($0, "d\($0).example") }
        h.source.update {
            $0.domains = domains
            $0.clients = [.make(1, "admin", type: "admin")]
        }
        _ = try await h.poll()
        // Only an addition: nothing remembered is missing, so only the new object says the memory changed.
        h.source.update { $0.domains.append(.make(21, "d21.example")) }
        #expect(h.changes(try await h.poll()) == ["added domain d21.example"])
        // Another process: what it knows of the last poll is the memory kept with it.
        let restarted = TargetPoller(
            target: "web01", url: "https://web01.example:8443", source: h.source, store: h.store,
            settings: PollSettings(collectOwners: false), clock: h.clock, logger: Logger(label: "test"))
        h.source.update { $0.domains = domains }
        h.clock.advance(60)
        #expect(h.changes(try await restarted.poll()) == ["removed domain d21.example"])
    }

    @Test("a failed poll writes only its poll row and changes nothing", arguments: PleskAPIError.Reason.allCases)
    func failedPoll(reason: PleskAPIError.Reason) async throws {
        let h = try Harness()
        h.source.update {
            $0.domains = [.make(1, "a.example"), .make(2, "b.example")]
            $0.clients = [.make(1, "admin", type: "admin")]
        }
        _ = try await h.poll()
        h.source.update {
            $0.domains = []
            $0.failClients = reason
        }
        let failed = try await h.poll()
        #expect(!failed.succeeded)
        #expect(failed.error?.reason == reason)
        #expect(failed.events.isEmpty)
        #expect(failed.poll.result == .failure)
        #expect(failed.poll.errorReason == reason.rawValue)
        let present = try await h.store.inventory(target: "web01", kind: .domain, at: nil)
        #expect(present.map(\.entry.object.name).sorted() == ["a.example", "b.example"])

        // Recovery: the same inventory again is no change at all.
        h.source.update {
            $0.domains = [.make(1, "a.example"), .make(2, "b.example")]
            $0.failClients = nil
        }
        #expect(try await h.poll().events.isEmpty)
        let polls = try await h.store.polls(target: "web01", since: nil, until: nil, limit: 10)
        #expect(polls.map(\.result) == [.success, .failure, .success])
    }

    @Test("owners: one call per client for the full map, one per new domain between refreshes")
    func owners() async throws {
        let h = try Harness(settings: PollSettings(collectOwners: true, ownersRefresh: .seconds(3600)))
        h.source.update {
            $0.domains = [.make(1, "a.example"), .make(2, "b.example"), .make(3, "sub.a.example", base: 1)]
            $0.clients = [.make(1, "admin", type: "admin"), .make(2, "alice"), .make(3, "bob")]
            $0.owners = [1: 2, 2: 3]  // the subdomain is in no client's list: it inherits from its base domain
        }
        _ = try await h.poll()
        #expect(h.source.calls(.clientDomains) == 3)
        #expect(h.source.calls(.domainClient) == 0)
        let present = try await h.store.inventory(target: "web01", kind: .domain, at: nil)
        let owners = Dictionary(
            uniqueKeysWithValues: present.map {
                ($0.entry.object.name, JSONValue.parse($0.entry.object.fieldsJSON)?.objectValue?["owner"])
            })
        #expect(owners["a.example"] == .string("alice"))
        #expect(owners["b.example"] == .string("bob"))
        #expect(owners["sub.a.example"] == .string("alice"))

        h.source.update {
            $0.domains.append(.make(4, "c.example"))
            $0.owners[4] = 3
        }
        let next = try await h.poll()
        #expect(h.source.calls(.clientDomains) == 3)
        #expect(h.source.calls(.domainClient) == 1)
        let added = try #require(next.events.first)
        #expect(added.change == .added)
        #expect(added.afterJSON?.contains(#""owner":"bob""#) == true)

        // A move between refreshes shows at the next full refresh, as one modified event.
        h.source.update { $0.owners[2] = 2 }
        #expect(try await h.poll().events.isEmpty)
        h.clock.advance(3600)
        let moved = try await h.poll()
        #expect(moved.events.count == 1)
        #expect(moved.events.first?.name == "b.example")
        #expect(moved.events.first?.changedFields == ["owner"])
    }

    @Test("failed owner lookups never fail the poll or create events")
    func ownerLookupFailure() async throws {
        let h = try Harness(settings: PollSettings(collectOwners: true))
        h.source.update {
            $0.domains = [.make(1, "a.example")]
            $0.clients = [.make(1, "admin", type: "admin")]
            $0.owners = [1: 1]
        }
        _ = try await h.poll()
        h.source.update {
            $0.domains.append(.make(2, "orphan.example"))
            $0.failOwnerLookups = true
        }
        let report = try await h.poll()
        #expect(report.succeeded)
        #expect(report.enrichmentFailures == 1)
        #expect(h.changes(report) == ["added domain orphan.example"])
        // The owner arrives later: recorded silently, no second event.
        h.source.update {
            $0.failOwnerLookups = false
            $0.owners[2] = 1
        }
        #expect(try await h.poll().events.isEmpty)
    }

    @Test("the removal guard holds a mass drop across polls and reports it")
    func guardAcrossPolls() async throws {
        let h = try Harness(settings: PollSettings(collectOwners: false, removalGuard: RemovalGuard(maxFraction: 0.2, confirmPolls: 2)))
        h.source.update {
            $0.domains = (1...10).map { PleskDomain.make($0, "d\($0).example") }
            $0.clients = [.make(1, "admin", type: "admin")]
        }
        _ = try await h.poll()
        h.source.update { $0.domains = Array($0.domains.prefix(5)) }
        let first = try await h.poll()
        #expect(first.events.isEmpty)
        #expect(first.poll.heldDomains == 5)
        #expect(try await h.store.heldRemovals(target: "web01").count == 5)
        let second = try await h.poll()
        #expect(second.events.isEmpty)
        #expect(second.poll.heldDomains == 5)
        let third = try await h.poll()
        #expect(third.events.filter { $0.change == .removed }.count == 5)
        #expect(third.poll.heldDomains == 0)
    }

    @Test("a random scenario's event log equals the true differences between complete inventories (SQLite, in-memory store)",
        arguments: [false, true])
    func randomScenario(inMemory: Bool) async throws {
        let h = try Harness(
            settings: PollSettings(collectOwners: false, removalGuard: RemovalGuard(maxFraction: 1.0)), inMemory: inMemory)
        var random = SeededRandom(seed: 42)
        var nextID = 1
        func newDomain() -> PleskDomain {
            defer { nextID += 1 }
            return .make(nextID, "site\(nextID).example", hosting: ["virtual", "none", "standard_forwarding"][nextID % 3])
        }
        h.source.update {
            $0.domains = (0..<30).map { _ in newDomain() }
            $0.clients = [.make(1, "admin", type: "admin")] + (2...6).map { .make($0, "user\($0)") }
        }
        var lastComplete: [String: String]? = nil
        var expected: [String] = []
        var storedEvents: [String] = []
        for _ in 0..<400 {
            let roll = random.next() % 10
            h.source.update { state in
                state.failDomains = nil
                state.failClients = nil
                switch roll {
                case 0: state.failDomains = .timeout
                case 1: state.failClients = .decode
                case 2, 3: state.domains.append(newDomain())
                case 4 where state.domains.count > 1: state.domains.remove(at: Int(random.next() % UInt64(state.domains.count)))
                case 5:
                    let index = Int(random.next() % UInt64(state.domains.count))
                    state.domains[index].name = "renamed\(random.next() % 1000).example"
                case 6:
                    let index = Int(random.next() % UInt64(state.clients.count - 1)) + 1
                    state.clients[index].status = [0, 16, 256][Int(random.next() % 3)]
                case 7: state.clients.append(.make(100 + Int(random.next() % 1000), "late\(random.next() % 1000)"))
                default: break
                }
                // Client ids must stay unique, as on a real server.
                var seen = Set<Int>()
                state.clients = state.clients.filter { seen.insert($0.id).inserted }
            }
            let report = try await h.poll()
            storedEvents += report.events.filter { !$0.baseline }.map { "\($0.change.rawValue) \($0.key)" }
            guard report.succeeded else { continue }
            let truth = h.source.state.withLock { state in
                Dictionary(uniqueKeysWithValues: state.domains.map { ($0.guid, "\($0)") } + state.clients.map { ($0.guid, "\($0)") })
            }
            if let before = lastComplete {
                for key in truth.keys where before[key] == nil { expected.append("added \(key)") }
                for key in before.keys where truth[key] == nil { expected.append("removed \(key)") }
                for (key, value) in truth where before[key] != nil && before[key] != value { expected.append("modified \(key)") }
            }
            lastComplete = truth
        }
        #expect(storedEvents.sorted() == expected.sorted())
        #expect(!expected.isEmpty)
        let all = try await allEvents(h.store, matching: EventQuery(limit: 500))
        #expect(all.filter { !$0.baseline }.count == storedEvents.count)
    }
}


