import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import InventoryModel

/// Delivers the outbox to the webhooks, at least once and in event order per webhook, retrying with backoff.
///
/// Rows are written with their events (one transaction), so nothing is lost when the process dies; a row is
/// deleted only after the receiver answered 2xx, so a crash between the answer and the delete sends that event
/// again (receivers can de-duplicate on the event `id`). A failing webhook holds back only its own later events.
public struct WebhookDelivery: Service {
    /// Backoff after the n-th failed attempt: `base × 2^(n-1)`, at most `cap`.
    public struct Backoff: Sendable {
        public var base: Duration
        public var cap: Duration
        public init(base: Duration = .seconds(2), cap: Duration = .seconds(600)) {
            self.base = base
            self.cap = cap
        }

        public func delay(afterAttempt attempt: Int) -> Duration {
            let factor = Double(1 << min(max(attempt - 1, 0), 20))
            return min(base * factor, cap)
        }
    }

    let store: any OutboxStore
    let endpoints: [String: WebhookEndpoint]
    let render: @Sendable (EventRecord) -> Data
    let renderFinding: @Sendable (FindingRecord, FindingChange) -> Data
    let backoff: Backoff
    let interval: Duration
    let timeout: Duration
    let telemetry: DeliveryTelemetry
    let logger: Logger

    /// - Parameters:
    ///   - render: the JSON body of one event for `json` webhooks (the exporter's API event object).
    ///   - renderFinding: the JSON body of a finding that opened or closed.
    ///   - interval: how often the outbox is looked at.
    public init(
        store: any OutboxStore, endpoints: [WebhookEndpoint], render: @escaping @Sendable (EventRecord) -> Data,
        renderFinding: @escaping @Sendable (FindingRecord, FindingChange) -> Data = { _, _ in Data("{}".utf8) },
        telemetry: DeliveryTelemetry, backoff: Backoff = Backoff(), interval: Duration = .seconds(1),
        timeout: Duration = .seconds(10), logger: Logger
    ) {
        self.store = store
        self.endpoints = Dictionary(endpoints.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.render = render
        self.renderFinding = renderFinding
        self.telemetry = telemetry
        self.backoff = backoff
        self.interval = interval
        self.timeout = timeout
        self.logger = logger
    }

    public func run() async throws {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // A receiver that is down fails the attempt at once; the outbox's backoff does the retrying.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await deliverDue(client)
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) } } catch { break }
        }
        try await client.shutdown()
    }

    /// One pass over the outbox: per webhook, the due rows in order until one fails.
    func deliverDue(_ client: HTTPClient) async {
        do {
            let queued = try await store.queuedDeliveries(limitPerWebhook: 100)
            var byWebhook: [String: [QueuedDelivery]] = [:]
            for delivery in queued { byWebhook[delivery.webhook, default: []].append(delivery) }
            for (webhook, deliveries) in byWebhook.sorted(by: { $0.key < $1.key }) {
                guard let endpoint = endpoints[webhook] else {
                    let dropped = try await store.dropDeliveries(webhook: webhook)
                    logger.warning(
                        "dropped queued deliveries of a webhook that is no longer configured",
                        metadata: ["webhook.id": "\(webhook)", "deliveries": "\(dropped)"])
                    continue
                }
                for delivery in deliveries {
                    if Task.isShuttingDownGracefully || delivery.nextAttemptAt > Date() { break }
                    guard await deliver(delivery, to: endpoint, client) else { break }
                }
            }
            telemetry.setQueued(try await store.queuedDeliveryCounts(), endpoints: Array(endpoints.values))
        } catch {
            logger.error("cannot read the webhook outbox", metadata: ["error": "\(error)"])
        }
    }

    private func deliver(_ delivery: QueuedDelivery, to endpoint: WebhookEndpoint, _ client: HTTPClient) async -> Bool {
        var request = HTTPClientRequest(url: endpoint.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "plesk_exporter")
        for header in endpoint.headers { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        let body: Data
        switch (delivery.payload, endpoint.format) {
        case (.event(let event), .slack): body = Self.slackBody(event)
        case (.event(let event), .json): body = render(event)
        case (.finding(let record, let change), .slack): body = Self.slackBody(record, change)
        case (.finding(let record, let change), .json): body = renderFinding(record, change)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let failure: String
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(response.status.code) {
                try await store.deliverySucceeded(id: delivery.id)
                telemetry.record(webhook: endpoint.index, success: true)
                logger.debug(
                    "webhook delivered",
                    metadata: ["webhook": "\(endpoint.displayURL)", "delivery": "\(delivery.label)"])
                return true
            }
            failure = "HTTP \(response.status.code)"
        } catch {
            // AsyncHTTPClient's errors name the failure, not the URL, so they are safe to keep and log.
            failure = "\(error)"
        }
        telemetry.record(webhook: endpoint.index, success: false)
        let attempt = delivery.attempts + 1
        let next = Date().addingTimeInterval(backoff.delay(afterAttempt: attempt).seconds)
        do {
            try await store.deliveryFailed(id: delivery.id, error: failure, nextAttemptAt: next)
        } catch {
            logger.error("cannot record a failed webhook delivery", metadata: ["error": "\(error)"])
        }
        logger.warning(
            "webhook delivery failed; will retry",
            metadata: [
                "webhook": "\(endpoint.displayURL)", "delivery": "\(delivery.label)", "attempt": "\(attempt)",
                "error": "\(failure)", "retry_in": "\(backoff.delay(afterAttempt: attempt))",
            ])
        return false
    }

    /// One line a chat can show: "web01: finding unbilled `shop.example` opened (billing –, Plesk active) at
    /// 2027-01-15T08:03:00Z, finding 7".
    static func slackBody(_ record: FindingRecord, _ change: FindingChange) -> Data {
        let finding = record.finding
        let at = change == .closed ? record.closedAt ?? record.openedAt : record.openedAt
        let text =
            "\(finding.target.isEmpty ? "fleet" : finding.target): finding \(finding.kind.rawValue) `\(finding.subscription)`"
            + " \(change.rawValue) (billing \(finding.expected ?? "–"), Plesk \(finding.actual ?? "–")) at"
            + " \(Self.timestamp(at)), finding \(record.id)"
        return (try? JSONSerialization.data(withJSONObject: ["text": text], options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// One line a chat can show: "web01: client `bob` removed (2027-01-15T08:03:00Z, event 42)".
    static func slackBody(_ event: EventRecord) -> Data {
        var text = "\(event.target): \(event.kind.rawValue) `\(event.name)` \(event.change.rawValue)"
        if !event.changedFields.isEmpty { text += " (\(event.changedFields.joined(separator: ", ")))" }
        text += " at \(Self.timestamp(event.at)), event \(event.id)"
        let object = ["text": text]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    var nanoseconds: Double { seconds * 1e9 }
}

// ServiceLifecycle logs each service with `String(describing:)` at debug level; keep the endpoints' URLs and header
// values out of it.
extension WebhookDelivery: CustomStringConvertible {
    public var description: String {
        "WebhookDelivery(webhooks: \(endpoints.values.sorted { $0.index < $1.index }.map(\.displayURL)))"
    }
}
