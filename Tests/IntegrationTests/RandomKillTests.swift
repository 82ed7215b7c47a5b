import Foundation
import PleskSimulator
import InventoryModel
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary killed with SIGKILL a few dozen times at seeded, reproducible moments — during start-up, polls
/// and webhook deliveries — while the simulated server changes between kills and the webhook receiver is sometimes
/// slow or failing. At the end the database is intact, every change is one event, and every event a webhook wants
/// was delivered at least once, in order.
///
/// Replay a failure with the seed its messages print: `PLESK_KILL_SEED=<seed> swift test --filter RandomKillTests`.
@Suite("Random kills: polls and webhook deliveries", .tags(.heavy, .endToEnd))
struct RandomKillTests {
    static let defaultSeed: UInt64 = 20_261_202
    static let kills = 30

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["PLESK_KILL_SEED"].flatMap { UInt64($0) } ?? defaultSeed
    }

    /// When the kill lands. A third of the kills count from the process's start, log-uniform over 50 ms…2 s
    /// (mostly start-up: opening the database, the first poll, the first deliveries of the backlog); the rest count
    /// from the moment serve is listening, uniform over 50 ms…2 s (polls, deliveries, idle waits between them), so
    /// they reach those phases however slowly a loaded machine starts the binary.
    static func killMoment(_ random: inout SeededRandom) -> (fromStart: Bool, milliseconds: Int) {
        if Int.random(in: 0..<3, using: &random) == 0 {
            return (true, Int(50 * pow(40, Double.random(in: 0..<1, using: &random))))
        }
        return (false, Int.random(in: 50...2000, using: &random))
    }

    @Test("30 seeded SIGKILLs during polls and deliveries: database intact, one event per change, every delivery made")
    func randomKills() async throws {
        let seed = Self.seed
        let tag = "PLESK_KILL_SEED=\(seed)"
        print("RandomKillTests: \(tag)")
        let started = ContinuousClock.now
        let directory = try TemporaryDirectory()
        let database = directory.file("plesk.db")
        let config = directory.file("plesk_exporter.yml")
        let receiver = WebhookReceiver()
        try await receiver.withRunning { port in
            try await SimulatedPlesk.withRunning(
                configuration: SimulatedPlesk.quietConfiguration,
                inventory: .generate(domains: 300, clients: 40, seed: seed)
            ) { plesk in
                var random = SeededRandom(seed: seed)
                // Two webhooks on one receiver, told apart by a header: one wants everything, one only clients
                // added or removed (so the filter is exercised, and each has its own order).
                let allHeaders = try directory.write("all.headers", "X-Hook: all\n")
                let clientHeaders = try directory.write("clients.headers", "X-Hook: clients\n")
                try plesk.writeConfiguration(
                    to: config,
                    global: churnGlobal(),
                    rest: """
                        notifications:
                          webhooks:
                            - url: http://127.0.0.1:\(port)/all
                              format: json
                              headers_file: \(allHeaders)
                            - url: http://127.0.0.1:\(port)/clients
                              format: json
                              headers_file: \(clientHeaders)
                              match: {objects: [client], changes: [added, removed]}
                        """)
                let arguments = ["--config.file", config, "--storage.path", database, "--log.level", "info"]

                var renamed: Set<String> = []
                var counter = 0
                /// One random change of the served inventory.
                func change() throws {
                    counter += 1
                    let domains = plesk.inventory.domains.filter { $0.baseDomainID == 0 }
                    let customers = plesk.inventory.clients.filter { $0.type == .customer }
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0..<3: try plesk.addDomain("kill-\(counter).example")
                    case 3..<5:
                        try plesk.removeDomain(id: domains[Int.random(in: 0..<domains.count, using: &random)].id)
                    case 5..<7:
                        let domain = domains[Int.random(in: 0..<domains.count, using: &random)]
                        renamed.insert(domain.guid)
                        try plesk.renameDomain(id: domain.id, to: "renamed-\(counter).example")
                    case 7..<9: try plesk.addClient(login: "killclient\(counter)")
                    default:
                        try plesk.removeClient(id: customers[Int.random(in: 0..<customers.count, using: &random)].id)
                    }
                }

                /// Polls recorded so far (any result) and of them the successful ones.
                func pollCounts() async -> (all: Int, committed: Int) {
                    guard let store = try? SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true),
                        let polls = try? await store.polls(target: nil, since: nil, until: nil, limit: 100_000)
                    else { return (0, 0) }
                    return (polls.count, polls.filter { $0.result == .success }.count)
                }

                var killsMidPoll = 0
                var pollsLost = 0
                var killsMidDelivery = 0
                var killsBeforeFirstPoll = 0
                var errorAnswers = 0
                var delays: [Int] = []
                var killsFromStart = 0
                for round in 0..<Self.kills {
                    if round > 0 {
                        for _ in 0..<Int.random(in: 1...3, using: &random) { try change() }
                    }
                    // The receiver's mood this round: answering at once, slow (so a delivery is likely held when the
                    // kill lands), failing once, or slow and failing once. Failures are kept rare: each one backs the
                    // webhook off for longer (2 s, 4 s, 8 s, …), and every delivery after it waits.
                    var hold = 0
                    var failing = false
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0..<2: await receiver.answer([])
                    case 2..<8:
                        hold = Int.random(in: 200...1500, using: &random)
                        await receiver.answer([])
                    case 8:
                        failing = true
                        await receiver.answer([.internalServerError])
                    default:
                        failing = true
                        hold = Int.random(in: 300...800, using: &random)
                        await receiver.answer([.serviceUnavailable])
                    }
                    let requestsAtStart = await receiver.requests.count
                    await receiver.hold(.milliseconds(hold))
                    let pollsStartedBefore = plesk.requestCount(.domains)
                    let (fromStart, delay) = Self.killMoment(&random)
                    let serve = try ExporterProcess.serve(arguments, log: directory.file("serve-\(round + 1).log"))
                    if round == 0 {
                        // The baseline first (however loaded the machine), so the kills below hit change polls.
                        let baselined = await eventually(within: .seconds(90)) {
                            await pollCounts().committed > 0
                        }
                        #expect(baselined, "\(tag): no baseline: \(serve.output.suffix(2000))")
                        try change()
                    }
                    if !fromStart {
                        _ = try await serve.port()
                    }
                    delays.append(delay)
                    if fromStart { killsFromStart += 1 }
                    let changeMidway = Bool.random(using: &random)
                    // Sleep to the kill, changing the server half-way in some rounds; note how many requests reached
                    // the receiver in the last `hold` before the kill: those were still held when it landed.
                    let beforeHold = max(delay - hold, 0)
                    try await Task.sleep(for: .milliseconds(beforeHold / 2))
                    if changeMidway { try change() }
                    try await Task.sleep(for: .milliseconds(beforeHold - beforeHold / 2))
                    let requestsBeforeHold = await receiver.requests.count
                    try await Task.sleep(for: .milliseconds(delay - beforeHold))
                    let requestsAtKill = await receiver.requests.count
                    let status = await serve.stop(SIGKILL)
                    #expect(status == 128 + SIGKILL, "\(tag): round \(round) ended with \(status) before the kill")

                    let pollsStarted = plesk.requestCount(.domains) - pollsStartedBefore
                    let (recorded, committed) = await pollCounts()
                    // A poll whose list request reached the server but that was never recorded died with the process.
                    let lost = plesk.requestCount(.domains) - recorded
                    let midPoll = lost > pollsLost
                    pollsLost = lost
                    let midDelivery = hold > 0 && requestsAtKill > requestsBeforeHold
                    if midPoll { killsMidPoll += 1 }
                    if midDelivery { killsMidDelivery += 1 }
                    if pollsStarted == 0 { killsBeforeFirstPoll += 1 }
                    // The round's first request got the error answer, if one arrived.
                    if failing && requestsAtKill > requestsAtStart { errorAnswers += 1 }
                    print(
                        "RandomKillTests: \(tag) kill \(round + 1): \(delay) ms after \(fromStart ? "start" : "listening"), receiver hold \(hold) ms, "
                            + "polls started \(pollsStarted), committed so far \(committed), "
                            + "deliveries so far \(requestsAtKill)"
                            + (midPoll ? ", mid-poll" : "") + (midDelivery ? ", delivery in flight" : "")
                            + (pollsStarted == 0 ? ", before the first poll" : ""))
                }

                // How far the failed deliveries were pushed back by their backoff.
                let queuedBefore = try await SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                    .queuedDeliveries(limitPerWebhook: 100_000)

                // A last run with a receiver that answers at once: serve catches up with the server and drains the
                // outbox, then stops cleanly.
                await receiver.hold(.zero)
                await receiver.answer([])
                let final = try ExporterProcess.serve(arguments, log: directory.file("serve-final.log"))
                let drained = await eventually(within: .seconds(150)) {
                    guard let reader = try? SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true),
                        let events = try? await allEvents(reader), replay(events).present == truth(plesk),
                        let queued = try? await reader.queuedDeliveryCounts()
                    else { return false }
                    return queued.isEmpty
                }
                #expect(drained, "\(tag): serve did not catch up and drain the outbox: \(final.output.suffix(3000))")
                let finalStatus = await final.stop()
                #expect(finalStatus == 0, "\(tag): \(final.output.suffix(2000))")

                // The database is intact.
                let connection = try SQLiteConnection(path: database, configuration: .init(readOnly: true))
                let integrity = try connection.query("PRAGMA integrity_check") { $0.string(0) }
                #expect(integrity == ["ok"], "\(tag): integrity_check: \(integrity)")

                // Every change of the scenario is exactly one event.
                let reader = try SQLiteInventoryStore(path: database, logger: testLogger, readOnly: true)
                let events = try await allEvents(reader)
                let replayed = replay(events)
                #expect(replayed.violations.isEmpty, "\(tag): \(replayed.violations)")
                #expect(replayed.present == truth(plesk), "\(tag): the events do not add up to the server's inventory")
                let modified = events.filter { $0.change == .modified }
                #expect(
                    Set(modified.map(\.key)).isSubset(of: renamed),
                    "\(tag): modified but never renamed: \(Set(modified.map(\.key)).subtracting(renamed))")
                #expect(modified.allSatisfy { !$0.changedFields.isEmpty }, "\(tag)")
                let polls = try await reader.polls(target: nil, since: nil, until: nil, limit: 100_000)
                let committed = polls.filter { $0.result == .success }.count
                let failedPolls = polls.count - committed

                // Every event a webhook wants reached it at least once, first copies in event order, and nothing
                // else did.
                let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
                let changes = events.filter { !$0.baseline }
                let wanted: [String: [Int64]] = [
                    "all": changes.map(\.id),
                    "clients": changes.filter { $0.kind == .client && $0.change != .modified }.map(\.id),
                ]
                var received: [String: [Int64]] = [:]
                var unreadable = 0
                for request in await receiver.requests {
                    guard let hook = request.headers["x-hook"],
                        let object = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any],
                        let id = (object["id"] as? Int).map(Int64.init) ?? (object["id"] as? NSNumber)?.int64Value
                    else {
                        unreadable += 1
                        continue
                    }
                    received[hook, default: []].append(id)
                    #expect(
                        object["name"] as? String == byID[id]?.name,
                        "\(tag): webhook \(hook) got event \(id) named \(object["name"] ?? "nil"), stored as \(byID[id]?.name ?? "nothing")")
                }
                #expect(unreadable == 0, "\(tag): \(unreadable) webhook requests without an X-Hook header or event id")
                var duplicates = 0
                for hook in ["all", "clients"] {
                    let ids = received[hook] ?? []
                    var seen: Set<Int64> = []
                    var firstCopies: [Int64] = []
                    for id in ids where seen.insert(id).inserted { firstCopies.append(id) }
                    duplicates += ids.count - firstCopies.count
                    let expected = wanted[hook] ?? []
                    #expect(
                        Set(expected).subtracting(seen).isEmpty,
                        "\(tag): webhook \(hook) never got events \(Set(expected).subtracting(seen).sorted())")
                    #expect(
                        seen.subtracting(expected).isEmpty,
                        "\(tag): webhook \(hook) got events it does not want \(seen.subtracting(expected).sorted())")
                    #expect(firstCopies == firstCopies.sorted(), "\(tag): webhook \(hook) got events out of order: \(ids)")
                }
                #expect(changes.count >= Self.kills, "\(tag): too few changes recorded to mean anything")

                let deliveries = await receiver.requests.count
                let maxAttempts = queuedBefore.map(\.attempts).max() ?? 0
                let seconds = (ContinuousClock.now - started).components.seconds
                print(
                    """
                    RandomKillTests: \(tag) figures: kills \(Self.kills) (mid-poll \(killsMidPoll), with a delivery in \
                    flight \(killsMidDelivery), before the first poll of the run \(killsBeforeFirstPoll); \(killsFromStart) timed \
                    from start, the rest from listening, \(delays.min() ?? 0)…\(delays.max() ?? 0) ms), polls committed \(committed) (failed \(failedPolls)), events \(events.count) \
                    (\(changes.count) changes: \(wanted["all"]?.count ?? 0) for webhook all, \
                    \(wanted["clients"]?.count ?? 0) for webhook clients), deliveries \(deliveries), duplicate \
                    deliveries \(duplicates) (\(errorAnswers) of them retries after a 5xx answer, the rest resent after \
                    a kill), queued before the drain \(queuedBefore.count) (max attempts \(maxAttempts)), \
                    integrity \(integrity.joined(separator: ",")), \(seconds) s
                    """)
            }
        }
    }
}
