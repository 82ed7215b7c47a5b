import Foundation
import Hummingbird

/// A webhook receiver on a free loopback port: keeps every request and answers with a programmable status.
public actor WebhookReceiver {
    public struct Request: Sendable {
        public var body: String
        /// Keyed by lowercased name.
        public var headers: [String: String]
    }

    /// An alert of an Alertmanager notification.
    public struct Alert: Sendable {
        public var status: String
        public var labels: [String: String]
        public var annotations: [String: String]
    }

    public private(set) var requests: [Request] = []
    /// Statuses to answer with, first to last; 200 once they run out.
    private var answers: [HTTPResponse.Status] = []
    /// How long to sit on each request before answering.
    private var delay: Duration = .zero

    public init() {}

    public var payloads: [String] { requests.map(\.body) }

    /// The next requests get these statuses, in order.
    public func answer(_ statuses: [HTTPResponse.Status]) { answers = statuses }

    /// Holds every following request this long before answering (a receiver that hangs).
    public func hold(_ duration: Duration) { delay = duration }

    /// Alerts of every Alertmanager notification received, oldest first.
    public var alerts: [Alert] {
        requests.flatMap { request -> [Alert] in
            guard let object = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any],
                let list = object["alerts"] as? [[String: Any]]
            else { return [] }
            return list.map { alert in
                Alert(
                    status: alert["status"] as? String ?? "", labels: alert["labels"] as? [String: String] ?? [:],
                    annotations: alert["annotations"] as? [String: String] ?? [:])
            }
        }
    }

    public func alerts(named name: String) -> [Alert] { alerts.filter { $0.labels["alertname"] == name } }

    func receive(_ request: Request) -> (HTTPResponse.Status, Duration) {
        requests.append(request)
        return (answers.isEmpty ? .ok : answers.removeFirst(), delay)
    }

    /// Serves `POST` on any path on loopback (a free port unless `port` is given) while `body` runs; `body` gets
    /// the port.
    public func withRunning<T: Sendable>(port: Int = 0, _ body: @Sendable (Int) async throws -> T) async throws -> T {
        let router = Router()
        router.post("**") { request, _ -> HTTPResponse.Status in
            let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let (status, delay) = await self.receive(Request(body: String(buffer: buffer), headers: headers))
            if delay > .zero { try? await Task.sleep(for: delay) }
            return status
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            defer { group.cancelAll() }
            return try await body(port)
        }
    }
}
