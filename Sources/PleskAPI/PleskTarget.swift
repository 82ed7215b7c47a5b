import Foundation

/// Everything needed to talk to one Plesk server.
public struct PleskTarget: Sendable, Hashable {
    /// Unique name; the `target` label.
    public var name: String
    /// Base URL, e.g. `https://web01.example.com:8443`; a path prefix before `/api/v2` is kept.
    public var url: URL
    public var credentials: PleskCredentials
    public var tls: PleskTLSOptions
    /// Deadline for one whole request, body included.
    public var timeout: Duration
    /// Largest response body accepted.
    public var maxResponseBytes: Int

    public init(
        name: String, url: URL, credentials: PleskCredentials, tls: PleskTLSOptions = .init(),
        timeout: Duration = .seconds(30), maxResponseBytes: Int = 256 * 1024 * 1024
    ) {
        self.name = name
        self.url = url
        self.credentials = credentials
        self.tls = tls
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// The URL without any user info, safe to show.
    public var displayURL: String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<invalid url>" }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "<invalid url>"
    }

    public var isPlainHTTP: Bool { url.scheme?.lowercased() == "http" }
}

extension PleskTarget: CustomStringConvertible {
    /// Safe to log: no credentials, no user info.
    public var description: String {
        "PleskTarget(\(name), \(displayURL), \(credentials.kind))"
    }
}
