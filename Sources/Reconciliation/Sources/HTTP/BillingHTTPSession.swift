import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOSSL
import PleskAPI

/// One read of a billing system over HTTP(S): a client with the source's `tls:` options (CA file, verification off,
/// or a pinned certificate, as for targets), no redirects followed, a deadline per request and a size limit per body.
/// Opened for a read and shut down after it, so a source holds no connection between reads (every 15 minutes).
///
/// Every message it makes names the source and the URL without its query (a CSV's URL may carry a token there), and
/// has the request's secrets (header values, the WHMCS credential) blanked out, whatever a server echoed.
final class BillingHTTPSession: Sendable {
    /// A response read whole.
    struct Response: Sendable {
        var status: Int
        var contentType: String?
        var body: Data
    }

    let source: String
    /// The URL as messages show it.
    let shown: String
    let timeout: Duration
    let maxBytes: Int
    let secrets: [String]
    private let client: HTTPClient

    private init(source: String, shown: String, timeout: Duration, maxBytes: Int, secrets: [String], client: HTTPClient) {
        self.source = source
        self.shown = shown
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.secrets = secrets
        self.client = client
    }

    /// Opens a session for `url`; a pinned certificate is probed here.
    static func open(
        source: String, url: URL, tls: PleskTLSOptions, timeout: Duration, maxBytes: Int, secrets: [String]
    ) async throws(ExpectedSourceError) -> BillingHTTPSession {
        let shown = Self.shown(url)
        let scrub = Scrubber(secrets: secrets)
        var tlsConfiguration: TLSConfiguration?
        if url.scheme?.lowercased() == "https" {
            do {
                tlsConfiguration = try await tls.clientConfiguration(
                    host: url.host ?? "", port: url.port ?? 443, name: source)
            } catch let error as PleskAPIError {
                throw ExpectedSourceError(
                    reason: .unreadable, source: source, detail: scrub("\(shown): \(error.detail)"))
            } catch {
                throw ExpectedSourceError(
                    reason: .unreadable, source: source, detail: scrub("\(shown): TLS set-up failed: \(error)"))
            }
        }
        let seconds = Int64(timeout.components.seconds)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tlsConfiguration,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(max(1, min(seconds, 10))), read: .seconds(max(1, seconds))),
            ignoreUncleanSSLShutdown: false)
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        return BillingHTTPSession(
            source: source, shown: shown, timeout: timeout, maxBytes: maxBytes, secrets: secrets, client: client)
    }

    /// Closes the connections; the session cannot be used afterwards.
    func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends `request` and reads its body (up to the limit). Any status is returned: the caller judges it.
    func send(_ request: HTTPClientRequest) async throws(ExpectedSourceError) -> Response {
        let deadline = NIODeadline.now() + .nanoseconds(Self.nanoseconds(timeout))
        do {
            let response = try await client.execute(request, deadline: deadline)
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBytes {
                var iterator = response.body.makeAsyncIterator()
                _ = try? await iterator.next()
                throw failure(.unreadable, "the response is \(length) bytes, over the \(maxBytes)-byte limit")
            }
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: maxBytes)
            } catch is NIOTooManyBytesError {
                throw failure(.unreadable, "the response is over the \(maxBytes)-byte limit")
            } catch let error as ExpectedSourceError {
                throw error
            } catch {
                throw failure(
                    .unreadable, "HTTP \(response.status.code): the body could not be read whole (\(describe(error)))")
            }
            return Response(
                status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
                body: Data(buffer: body))
        } catch let error as ExpectedSourceError {
            throw error
        } catch {
            throw failure(.unreadable, describe(error))
        }
    }

    /// Refuses a response that cannot be the data: a non-2xx status (redirects are not followed) or an HTML page.
    /// - Parameter detail: what the body said, when the caller could read an error from it.
    func check(_ response: Response, detail: String? = nil) throws(ExpectedSourceError) {
        let status = response.status
        let said = detail.map { ": \($0)" } ?? ""
        switch status {
        case 200..<300:
            break
        case 300..<400:
            throw failure(.unreadable, "HTTP \(status): a redirect, which is not followed; give the final URL")
        case 401, 403:
            throw failure(.unreadable, "HTTP \(status): access denied\(said.isEmpty ? " (check the credentials)" : said)")
        default:
            throw failure(.unreadable, "HTTP \(status)\(said)")
        }
        if let type = response.contentType?.lowercased(), type.contains("html") {
            throw failure(.unreadable, "expected data, got \(type) (a login page or a proxy's error page?)")
        }
    }

    /// An error about this session's URL, with every secret blanked out.
    func failure(_ reason: ExpectedSourceError.Reason, _ detail: String) -> ExpectedSourceError {
        ExpectedSourceError(reason: reason, source: source, detail: Scrubber(secrets: secrets)("\(shown): \(detail)"))
    }

    /// A transport failure in an operator's words (PleskAPI's classification: refused, DNS, TLS, timeout).
    private func describe(_ error: any Error) -> String {
        PleskAPIClient.classify(error, targetName: source, endpoint: .server, timeout: timeout).detail
    }

    /// The URL without user info, query or fragment.
    static func shown(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "the URL" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "the URL"
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
