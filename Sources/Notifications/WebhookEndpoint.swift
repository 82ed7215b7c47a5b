import Crypto
import Foundation
import InventoryModel

/// One webhook as the delivery service sees it: where, how, and which events it wants.
public struct WebhookEndpoint: Sendable {
    public enum Format: String, Sendable {
        /// The event object as `GET /api/v1/events` shows it, with the target's labels.
        case json
        /// `{"text": "…"}`, which Slack, Mattermost and Rocket.Chat incoming webhooks accept.
        case slack
    }

    /// Stable across restarts and reordering of the configuration: the outbox rows are keyed by it.
    public let id: String
    /// The position in `notifications.webhooks`, the `webhook` label of the metrics (the URL may hold a token).
    public let index: Int
    public let url: URL
    /// Scheme, host and port only, safe to log.
    public let displayURL: String
    public let format: Format
    public let headers: [(name: String, value: String)]
    /// Empty means every object kind or change kind.
    public let objects: Set<ObjectKind>
    public let changes: Set<ChangeKind>
    /// Whether change events go to this webhook at all (`match.events`).
    public let events: Bool
    /// Finding kinds whose opening and closing go to this webhook (`match.findings`); empty: none.
    public let findings: Set<FindingKind>

    public init(
        index: Int, url: URL, displayURL: String, format: Format, headers: [(name: String, value: String)] = [],
        objects: Set<ObjectKind> = [], changes: Set<ChangeKind> = [], events: Bool = true,
        findings: Set<FindingKind> = []
    ) {
        self.events = events
        self.findings = findings
        self.index = index
        self.url = url
        self.displayURL = displayURL
        self.format = format
        self.headers = headers
        self.objects = objects
        self.changes = changes
        let digest = SHA256.hash(data: Data("\(format.rawValue) \(url.absoluteString)".utf8))
        self.id = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a new event goes to this webhook. Baseline and auto-acknowledged events never do: nobody is
    /// waiting for them.
    public func wants(object: ObjectKind, change: ChangeKind, baseline: Bool, autoAcknowledged: Bool) -> Bool {
        events && !baseline && !autoAcknowledged && (objects.isEmpty || objects.contains(object))
            && (changes.isEmpty || changes.contains(change))
    }
}

extension WebhookEndpoint {
    /// Whether a finding that opens or closes goes to this webhook (both go where one does).
    public func wants(finding: Finding) -> Bool {
        findings.contains(finding.kind)
    }
}

// ServiceLifecycle logs each service with `String(describing:)` at debug level ("Starting service"), and the
// default description of a struct prints every field: the URL (which may hold a token) and the header values.
extension WebhookEndpoint: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "WebhookEndpoint(index: \(index), url: \(displayURL), format: \(format.rawValue), headers: \(headers.map(\.name)))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "index": index, "url": displayURL, "format": format, "headers": headers.map(\.name),
                "objects": objects, "changes": changes,
            ], displayStyle: .struct)
    }
}
