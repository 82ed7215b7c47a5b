import Foundation
import Logging
import Notifications
import ServiceLifecycle
import InventoryModel
import Storage
import TestSupport
import Testing

/// The delivery service against a real SQLite outbox and a real HTTP receiver on loopback.
@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let fast = WebhookDelivery.Backoff(base: .milliseconds(20), cap: .milliseconds(200))

    static func endpoint(_ port: Int, index: Int = 0, format: WebhookEndpoint.Format = .json, path: String = "/hook")
        -> WebhookEndpoint
    {
        WebhookEndpoint(
            index: index, url: URL(string: "http://127.0.0.1:\(port)\(path)")!, displayURL: "http://127.0.0.1:\(port)",
            format: format, headers: [(name: "Authorization", value: "Bearer s3cret")])
    }

    /// Commits one poll whose events (clients removed, named `names`) are queued for `webhooks`.
    @discardableResult
    static func commit(_ store: SQLiteInventoryStore, _ names: [String], webhooks: [String]) async throws
        -> [EventRecord]
    {
        // Rows are due from their event's time: now, as in a real poll.
        let at = Date()
        let poll = CompletePoll(
            target: "web01", startedAt: at, finishedAt: at, baseline: false, counts: PollCounts(),
            events: names.map { NewEvent(kind: .client, change: .removed, key: "guid-\($0)", name: $0, webhooks: webhooks) })
        return try await store.commit(poll).events
    }

    /// Runs the service until `condition` holds (or 20 s pass), then stops it gracefully.
    static func deliver(
        _ store: SQLiteInventoryStore, _ endpoints: [WebhookEndpoint], backoff: WebhookDelivery.Backoff = fast,
        until condition: @escaping @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let service = WebhookDelivery(
            store: store, endpoints: endpoints, render: { Data(#"{"id":\#($0.id),"name":"\#($0.name)"}"#.utf8) },
            renderFinding: { record, change in
                Data(#"{"finding":\#(record.id),"change":"\#(change.rawValue)","open":\#(record.isOpen)}"#.utf8)
            },
            telemetry: DeliveryTelemetry(webhooks: endpoints.count), backoff: backoff, interval: .milliseconds(20),
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let deadline = ContinuousClock.now + .seconds(20)
            var met = false
            while ContinuousClock.now < deadline {
                if try await condition() { met = true; break }
                try await Task.sleep(for: .milliseconds(20))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return met
        }
    }

    @Test("findings that open and close are queued with the evaluation and delivered to the webhooks that want them")
    func findings() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteInventoryStore(path: directory.file("db.sqlite"), logger: Self.logger)
        let receiver = WebhookReceiver()
        try await receiver.withRunning { port in
            let json = WebhookEndpoint(
                index: 0, url: URL(string: "http://127.0.0.1:\(port)/json")!, displayURL: "http://127.0.0.1:\(port)",
                format: .json, events: false, findings: [.unbilled, .missing])
            let slack = WebhookEndpoint(
                index: 1, url: URL(string: "http://127.0.0.1:\(port)/slack")!, displayURL: "http://127.0.0.1:\(port)",
                format: .slack, findings: [.missing])
            #expect(!json.wants(object: .client, change: .removed, baseline: false, autoAcknowledged: false))
            let endpoints = [json, slack]
            let webhooks: @Sendable (Finding, FindingChange) -> [String] = { finding, _ in
                endpoints.filter { $0.wants(finding: finding) }.map(\.id)
            }
            let unbilled = Finding(kind: .unbilled, target: "web01", subscription: "a.example", actual: "active")
            let missing = Finding(kind: .missing, target: "", subscription: "b.example", source: "billing", expected: "active")
            let plan = Finding(kind: .planMismatch, target: "web01", subscription: "c.example", expected: "A", actual: "B")
            let opened = try await store.applyFindings(
                [unbilled, missing, plan], scope: ["web01", ""], at: Date(), webhooks: webhooks
            ).opened
            _ = try await store.applyFindings([unbilled, plan], scope: ["web01", ""], at: Date(), webhooks: webhooks)
            // json: unbilled opened, missing opened, missing closed; slack: missing opened and closed.
            #expect(try await store.queuedDeliveryCounts() == [json.id: 3, slack.id: 2])
            let done = try await Self.deliver(store, endpoints) { await receiver.requests.count == 5 }
            #expect(done)
            let bodies = await receiver.payloads
            let id = { (name: String) in opened.first { $0.finding.subscription == name }!.id }
            #expect(
                bodies.filter { $0.hasPrefix(#"{"finding""#) } == [
                    #"{"finding":\#(id("a.example")),"change":"opened","open":true}"#,
                    // Delivered after it closed again: the finding as it is now, with its closing time.
                    #"{"finding":\#(id("b.example")),"change":"opened","open":false}"#,
                    #"{"finding":\#(id("b.example")),"change":"closed","open":false}"#,
                ])
            let chat = bodies.filter { $0.hasPrefix(#"{"text""#) }
            #expect(chat.count == 2)
            #expect(chat.first?.contains("fleet: finding missing `b.example` opened (billing active") == true)
            #expect(chat.last?.contains("closed") == true)
            #expect(try await store.queuedDeliveryCounts().isEmpty)
        }
    }

    @Test("json and slack bodies, configured headers, event order, and the row gone once delivered")
    func deliversInOrder() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteInventoryStore(path: directory.file("db.sqlite"), logger: Self.logger)
        let receiver = WebhookReceiver()
        try await receiver.withRunning { port in
            let json = Self.endpoint(port, path: "/json")
            let slack = Self.endpoint(port, index: 1, format: .slack, path: "/slack")
            let events = try await Self.commit(store, ["alice", "bob", "carol"], webhooks: [json.id, slack.id])
            #expect(try await store.queuedDeliveryCounts() == [json.id: 3, slack.id: 3])
            let done = try await Self.deliver(store, [json, slack]) { await receiver.requests.count == 6 }
            #expect(done)
            let bodies = await receiver.payloads
            let jsonBodies = bodies.filter { $0.hasPrefix(#"{"id""#) }
            #expect(jsonBodies == events.map { #"{"id":\#($0.id),"name":"\#($0.name)"}"# })
            let slackBodies = bodies.filter { $0.hasPrefix(#"{"text""#) }
            #expect(slackBodies.count == 3)
            #expect(slackBodies.first?.contains("web01: client `alice` removed") == true)
            #expect(await receiver.requests.allSatisfy { $0.headers["authorization"] == "Bearer s3cret" })
            #expect(try await store.queuedDeliveryCounts().isEmpty)
        }
    }

    @Test("a failing receiver is retried with backoff and holds back later events of that webhook only")
    func retriesInOrder() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteInventoryStore(path: directory.file("db.sqlite"), logger: Self.logger)
        let failing = WebhookReceiver()
        let healthy = WebhookReceiver()
        try await failing.withRunning { failingPort in
            try await healthy.withRunning { healthyPort in
                await failing.answer([.internalServerError, .serviceUnavailable, .badGateway])
                let hookA = Self.endpoint(failingPort)
                let hookB = Self.endpoint(healthyPort, index: 1)
                try await Self.commit(store, ["first", "second"], webhooks: [hookA.id, hookB.id])
                let done = try await Self.deliver(store, [hookA, hookB]) {
                    let failed = await failing.requests.count
                    let succeeded = await healthy.requests.count
                    return failed == 5 && succeeded == 2
                }
                #expect(done)
                // Three failures of "first", then "first" and "second" in order; "second" never went out before.
                let names = await failing.payloads.map { $0.contains("first") ? "first" : "second" }
                #expect(names == ["first", "first", "first", "first", "second"])
                #expect(await healthy.payloads.map { $0.contains("first") } == [true, false])
                #expect(try await store.queuedDeliveryCounts().isEmpty)
            }
        }
    }

    @Test("a receiver that is down keeps the events queued across a restart; they go out once it is back")
    func survivesRestart() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let receiver = WebhookReceiver()
        // Learn a port, then stop listening on it: the receiver is down.
        let port = try await receiver.withRunning { $0 }
        let hook = Self.endpoint(port)
        do {
            let store = try SQLiteInventoryStore(path: path, logger: Self.logger)
            try await Self.commit(store, ["gone"], webhooks: [hook.id])
            let attempted = try await Self.deliver(store, [hook]) {
                try await store.queuedDeliveries(limitPerWebhook: 1).first?.attempts ?? 0 >= 2
            }
            #expect(attempted)
            let queued = try #require(try await store.queuedDeliveries(limitPerWebhook: 10).first)
            #expect(queued.lastError?.isEmpty == false)
            #expect(!(queued.lastError ?? "").contains("s3cret"))
        }
        // The "exporter" restarts with the same database; the receiver is back on its port.
        let store = try SQLiteInventoryStore(path: path, logger: Self.logger)
        #expect(try await store.queuedDeliveryCounts() == [hook.id: 1])
        let back = WebhookReceiver()
        let delivered = try await back.withRunning(port: port) { _ in
            try await Self.deliver(store, [hook], backoff: .init(base: .milliseconds(10), cap: .milliseconds(50))) {
                await back.requests.count == 1
            }
        }
        #expect(delivered)
        #expect(await back.payloads.first?.contains("gone") == true)
        #expect(try await store.queuedDeliveryCounts().isEmpty)
    }

    @Test("rows of a webhook that is no longer configured are dropped")
    func dropsUnknownWebhooks() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteInventoryStore(path: directory.file("db.sqlite"), logger: Self.logger)
        try await Self.commit(store, ["x"], webhooks: ["0123456789abcdef"])
        let dropped = try await Self.deliver(store, []) { try await store.queuedDeliveryCounts().isEmpty }
        #expect(dropped)
    }

    @Test("backoff doubles from the base up to the cap")
    func backoff() {
        let backoff = WebhookDelivery.Backoff(base: .seconds(2), cap: .seconds(60))
        #expect((1...7).map { backoff.delay(afterAttempt: $0) } == [2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) })
    }

    @Test("baseline and auto-acknowledged events never go to a webhook; match filters object and change")
    func matching() {
        let hook = WebhookEndpoint(
            index: 0, url: URL(string: "https://hooks.example/x")!, displayURL: "https://hooks.example", format: .json,
            objects: [.client], changes: [.added, .removed])
        #expect(hook.wants(object: .client, change: .removed, baseline: false, autoAcknowledged: false))
        #expect(!hook.wants(object: .client, change: .removed, baseline: true, autoAcknowledged: false))
        #expect(!hook.wants(object: .client, change: .removed, baseline: false, autoAcknowledged: true))
        #expect(!hook.wants(object: .domain, change: .removed, baseline: false, autoAcknowledged: false))
        #expect(!hook.wants(object: .client, change: .modified, baseline: false, autoAcknowledged: false))
        // The id follows the URL and format, not the position in the configuration.
        let moved = WebhookEndpoint(index: 3, url: hook.url, displayURL: hook.displayURL, format: .json)
        #expect(moved.id == hook.id)
        #expect(WebhookEndpoint(index: 0, url: hook.url, displayURL: "", format: .slack).id != hook.id)
    }
}
