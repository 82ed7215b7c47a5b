import Foundation
import Logging
import PleskAPI
import InventoryModel
import Storage
import TestSupport
import Testing

@testable import Inventory

/// The poller that remembers the last poll (unchanged objects skipped), and a new poller per poll that reads what
/// the last one kept in the database, against new pollers that remember nothing (every object decoded,
/// canonicalised and compared with the stored state), on the same randomised inventories.
@Suite("Fast path against the full decode")
struct FastPathEquivalenceTests {
    static let names = ["example", "bücher", "日本", "пример", "café", "ελλάδα", "quote\"d", "back\\slash"]

    /// One random change of the world: values, spelling only, or nothing.
    static func mutate(_ state: inout RawPleskSource.State, _ random: inout SeededRandom, nextID: inout Int) {
        func name() -> String {
            "\(names[Int(random.next() % UInt64(names.count))])-\(random.next() % 1000).example"
        }
        switch random.next() % 11 {
        case 0:
            nextID += 1
            state.domains.append(.make(nextID, name(), base: state.domains.first.map(\.id) ?? 0))
            if let client = state.clients.randomElement(using: &random) { state.owners[nextID] = client.id }
        case 1 where !state.domains.isEmpty:
            let removed = state.domains.remove(at: Int(random.next() % UInt64(state.domains.count)))
            state.owners[removed.id] = nil
        case 2 where !state.domains.isEmpty:
            let index = Int(random.next() % UInt64(state.domains.count))
            state.domains[index].name = name()
        case 3 where !state.domains.isEmpty:
            let index = Int(random.next() % UInt64(state.domains.count))
            state.domains[index].hostingType = ["virtual", "none", "standard_forwarding"].randomElement(using: &random)!
            state.domains[index].aliases = [PleskDomainAlias(name: name())]
        case 4 where !state.clients.isEmpty && !state.domains.isEmpty:
            // The owner changes; the domain's bytes do not.
            let domain = state.domains.randomElement(using: &random)!
            state.owners[domain.id] = state.clients.randomElement(using: &random)!.id
        case 5:
            nextID += 1
            state.clients.append(.make(nextID, "user\(nextID)-\(names[Int(random.next() % 8)])"))
        case 6 where state.clients.count > 1:
            state.clients.remove(at: Int(random.next() % UInt64(state.clients.count)))
        case 7 where !state.clients.isEmpty:
            let index = Int(random.next() % UInt64(state.clients.count))
            state.clients[index].status = [0, 16, 256].randomElement(using: &random)!
            state.clients[index].name = name()
        case 8, 9:
            // Spelling only: keys reordered, whitespace, escapes. Never a change.
            for _ in 0..<3 {
                let key = random.next() % 2 == 0 ? "d\(state.domains.randomElement(using: &random)?.id ?? 0)"
                    : "c\(state.clients.randomElement(using: &random)?.id ?? 0)"
                state.spelling[key] = random.next()
            }
        case 10:
            state.domains.shuffle(using: &random)
        default:
            break
        }
    }

    /// What a poll wrote, comparable across stores.
    static func written(_ report: PollReport) -> [String] {
        report.events.map {
            [
                $0.kind.rawValue, $0.change.rawValue, $0.key, $0.name, "\($0.baseline)", $0.changedFields.joined(separator: ","),
                $0.beforeJSON ?? "-", $0.afterJSON ?? "-",
            ].joined(separator: "|")
        }.sorted()
    }

    static func inventory(_ store: SQLiteInventoryStore) async throws -> [String] {
        try await store.inventory(target: "raw", kind: nil, at: nil).map {
            "\($0.entry.object.kind.rawValue)|\($0.entry.object.key)|\($0.entry.object.name)|\($0.entry.object.fieldsJSON)"
        }.sorted()
    }

    @Test("same events, counts and stored inventory, poll after poll", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func sameOutcome(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let directory = try TemporaryDirectory()
        let fast = try SQLiteInventoryStore(path: directory.file("fast.db"), logger: Logger(label: "test"))
        let full = try SQLiteInventoryStore(path: directory.file("full.db"), logger: Logger(label: "test"))
        let restarted = try SQLiteInventoryStore(path: directory.file("restarted.db"), logger: Logger(label: "test"))
        let source = RawPleskSource()
        let clock = TestClock()
        // Owners every poll in both, so only the fast path differs.
        let settings = PollSettings(collectOwners: seed % 2 == 0, ownersRefresh: .seconds(1), removalGuard: .init())
        var nextID = 100
        source.update { state in
            state.clients = (1...6).map { .make($0, "client\($0)") }
            state.domains = (7...40).map { .make($0, "\(Self.names[$0 % 8])-\($0).example", base: $0 % 5 == 0 ? 7 : 0) }
            for domain in state.domains { state.owners[domain.id] = domain.id % 6 + 1 }
            for id in 1...40 where id % 3 == 0 { state.spelling[id <= 6 ? "c\(id)" : "d\(id)"] = UInt64(id) }
        }
        let remembering = TargetPoller(
            target: "raw", url: "https://raw.example:8443", source: source, store: fast, settings: settings,
            clock: clock, logger: Logger(label: "test"))
        var unchangedSeen = 0
        for step in 0..<40 {
            for _ in 0..<Int(random.next() % 3) { source.update { Self.mutate(&$0, &random, nextID: &nextID) } }
            clock.advance(60)
            let a = try await remembering.poll()
            let forgetting = TargetPoller(
                target: "raw", url: "https://raw.example:8443", source: source, store: full, settings: settings,
                clock: clock, logger: Logger(label: "test"), remembersAcrossRestarts: false)
            let b = try await forgetting.poll()
            let restarting = TargetPoller(
                target: "raw", url: "https://raw.example:8443", source: source, store: restarted, settings: settings,
                clock: clock, logger: Logger(label: "test"))
            let c = try await restarting.poll()
            #expect(a.succeeded && b.succeeded && c.succeeded, "step \(step)")
            #expect(Self.written(a) == Self.written(b), "step \(step)")
            #expect(Self.written(c) == Self.written(b), "step \(step)")
            #expect(a.poll.counts == b.poll.counts && c.poll.counts == b.poll.counts, "step \(step)")
            #expect(try await Self.inventory(fast) == Self.inventory(full), "step \(step)")
            #expect(try await Self.inventory(restarted) == Self.inventory(full), "step \(step)")
            if step > 0 {
                // A restarted poller starts from what the last one kept: nothing unchanged is decoded again.
                let remembered = await restarting.rememberedCount(of: .domain)
                #expect(remembered == source.state.withLock { $0.domains.count }, "step \(step)")
            }
            if a.events.isEmpty { unchangedSeen += 1 }
        }
        let knownDomains = await remembering.rememberedCount(of: .domain)
        #expect(knownDomains == source.state.withLock { $0.domains.count })
        #expect(unchangedSeen > 0)
    }

    @Test("a domain whose bytes repeat, or repeat a known guid with other bytes, fails the poll as a duplicate")
    func duplicates() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteInventoryStore(path: directory.file("t.db"), logger: Logger(label: "test"))
        let source = RawPleskSource()
        source.update { $0.domains = [.make(1, "a.example"), .make(2, "b.example")] }
        let poller = TargetPoller(
            target: "raw", url: "https://raw.example:8443", source: source, store: store,
            settings: PollSettings(collectOwners: false), logger: Logger(label: "test"))
        #expect(try await poller.poll().succeeded)

        source.update { $0.domains.append(.make(1, "a.example")) }  // the same bytes twice
        let same = try await poller.poll()
        #expect(same.error?.reason == .decode)
        #expect(same.error?.detail.contains("twice") == true)

        source.update { $0.domains[2] = .make(1, "other.example") }  // a known guid, other bytes
        let other = try await poller.poll()
        #expect(other.error?.reason == .decode)
        #expect(other.events.isEmpty)

        source.update { $0.domains.removeLast() }
        let back = try await poller.poll()
        #expect(back.succeeded)
        #expect(back.events.isEmpty)
    }
}
