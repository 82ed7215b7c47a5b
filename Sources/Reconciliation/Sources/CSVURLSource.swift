import AsyncHTTPClient
import Foundation
import PleskAPI

/// A CSV fetched over HTTPS (`expected[].url`): a billing system's export published on a URL, with headers from a
/// `headers_file` (an API token) and the same `tls:` options as targets.
///
/// A good read is reused for `interval`; a failed one is not (the next check tries again). Anything but a 2xx CSV
/// body — a status, an HTML page, a transport or TLS failure, a body over the limit — is `unreadable` and changes
/// no finding. Header values never appear in a message or in ``description``.
public struct CSVURLSource: ExpectedSource, CustomStringConvertible {
    public let name: String
    public let url: URL
    /// Name → value; the values are secrets.
    let headers: [(name: String, value: String)]
    public let tls: PleskTLSOptions
    /// The whole request, body included.
    public let timeout: Duration
    public let maxBytes: Int
    public let columns: ColumnMapping
    let cache: RemoteReadCache

    public init(
        name: String, url: URL, headers: [(name: String, value: String)] = [], tls: PleskTLSOptions = PleskTLSOptions(),
        timeout: Duration = .seconds(30), maxBytes: Int = 256 << 20, columns: ColumnMapping = ColumnMapping(),
        interval: Duration = .seconds(15 * 60)
    ) {
        self.name = name
        self.url = url
        self.headers = headers
        self.tls = tls
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.columns = columns
        self.cache = RemoteReadCache(interval: interval)
    }

    public var description: String {
        "CSVURLSource(\(name), \(BillingHTTPSession.shown(url)), \(headers.count) header(s))"
    }

    public func changeToken() async -> String? { cache.changeToken() }

    public func read() async throws(ExpectedSourceError) -> [ExpectedRow] {
        if let rows = cache.fresh() { return rows }
        let session = try await BillingHTTPSession.open(
            source: name, url: url, tls: tls, timeout: timeout, maxBytes: maxBytes, secrets: headers.map(\.value))
        let response: BillingHTTPSession.Response
        do throws(ExpectedSourceError) {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .GET
            request.headers.add(name: "Accept", value: "text/csv, text/plain;q=0.9, */*;q=0.5")
            request.headers.add(name: "User-Agent", value: "plesk_exporter")
            for header in headers { request.headers.replaceOrAdd(name: header.name, value: header.value) }
            response = try await session.send(request)
            try session.check(response)
        } catch {
            await session.shutdown()
            throw error
        }
        await session.shutdown()
        guard let text = String(data: response.body, encoding: .utf8) else {
            throw session.failure(.malformed, "the body is not UTF-8 text")
        }
        let rows = try CSVExpectedReader(source: name, origin: session.shown, columns: columns).read(text)
        cache.store(rows)
        return rows
    }
}
