import InventoryModel
import Foundation
import PleskAPI

/// One Plesk server to poll (`targets[]`), with the global defaults already applied.
public struct TargetConfiguration: Sendable, Hashable {
    /// Unique; the `target` label.
    public var name: String
    /// Base URL (scheme, host, optional port and path prefix; no trailing slash). `/api/v2` is appended by the client.
    public var url: URL
    public var credentials: Credentials
    public var tls: PleskTLSOptions
    /// The target's `poll_interval`, or the global one.
    public var pollInterval: Duration
    /// The target's `timeout`, or the global one.
    public var timeout: Duration
    /// The target's `concurrency`, or the global one.
    public var concurrency: Int
    /// Extra labels added to this target's series.
    public var labels: [String: String]
    public var collect: CollectSettings

    public init(
        name: String, url: URL, credentials: Credentials, tls: PleskTLSOptions = .init(),
        pollInterval: Duration = .seconds(300), timeout: Duration = .seconds(30), concurrency: Int = 4,
        labels: [String: String] = [:], collect: CollectSettings = .init()
    ) {
        self.name = name
        self.url = url
        self.credentials = credentials
        self.tls = tls
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.concurrency = concurrency
        self.labels = labels
        self.collect = collect
    }

    /// Whether the URL is plain `http://` (allowed, but worth a warning).
    public var isPlainHTTP: Bool { url.scheme?.lowercased() == "http" }
}

extension TargetConfiguration {
    /// The kinds of object this target's polls collect.
    public var collectedKinds: [ObjectKind] {
        ObjectKind.collected(subscriptions: collect.subscriptions, servicePlans: collect.servicePlans)
    }
}
