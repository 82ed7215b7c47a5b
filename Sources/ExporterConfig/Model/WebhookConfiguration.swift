import Foundation

/// One webhook receiving change events (`notifications.webhooks[]`).
///
/// The URL is treated as a secret too (Slack-style hook URLs carry a token in their path): show
/// ``displayURL`` instead.
public struct WebhookConfiguration: Sendable, Hashable {
    /// From `url` or `url_file`.
    public var url: URL
    public var format: WebhookFormat
    /// Absolute path of the headers file, if one was given.
    public var headersFile: String?
    /// The headers read from `headersFile`, in file order.
    public var headers: [WebhookHeader]
    public var match: EventMatch

    public init(
        url: URL, format: WebhookFormat = .json, headersFile: String? = nil, headers: [WebhookHeader] = [],
        match: EventMatch = .init()
    ) {
        self.url = url
        self.format = format
        self.headersFile = headersFile
        self.headers = headers
        self.match = match
    }

    /// Scheme, host and port only, safe to log.
    public var displayURL: String { url.redactedForDisplay }
}

// Printing a configuration (or `dump`ing it) must not reveal a hook's token-bearing URL.
extension WebhookConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "WebhookConfiguration(url: \(displayURL), format: \(format.rawValue), headers: \(headers.map(\.name)), match: \(match))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": displayURL, "format": format, "headersFile": headersFile as Any, "headers": headers, "match": match,
            ], displayStyle: .struct)
    }
}
