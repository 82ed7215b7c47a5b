import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A received response: status, content type and the whole body.
struct PleskResponse: Sendable {
    var status: Int
    var contentType: String?
    var location: String?
    var body: ByteBuffer
}

extension PleskAPIClient {
    /// Sends one request under the target's deadline, checks for a 2xx status and decodes the body with `decode`,
    /// or throws a classified error. The observer sees the outcome after decoding, so a body that does not decode
    /// counts as a `decode` failure, not a success.
    func perform<T>(
        _ endpoint: PleskEndpoint, id: Int?, method: HTTPMethod, body: Data?,
        decode: (PleskResponse) throws -> T
    ) async throws -> T {
        try await observed(endpoint) {
            let response = try await withDeadline(endpoint) {
                try await self.send(endpoint, id: id, method: method, body: body)
            }
            let value = try decode(check(response, endpoint: endpoint))
            logger.debug(
                "plesk request done",
                metadata: [
                    "target": "\(target.name)", "endpoint": "\(endpoint.rawValue)", "status": "\(response.status)",
                    "bytes": "\(response.body.readableBytes)",
                ])
            return value
        }
    }

    /// Runs one request's whole exchange and reports its outcome (duration, failure reason) to the observer.
    func observed<T>(_ endpoint: PleskEndpoint, _ exchange: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        do {
            let value = try await exchange()
            observer?(endpoint, ContinuousClock.now - started, nil)
            return value
        } catch var error as PleskAPIError {
            if error.reason == .tls, target.tls.fingerprintSHA256 != nil, pinnedTLS.withLock({ $0 != nil }) {
                // The pin matched in our own handshake, so the certificate itself cannot anchor verification.
                error.detail += "; the certificate matches the pin but cannot be its own trust anchor (CA-issued, or"
                    + " not marked as a CA): pinning is for self-signed certificates such as Plesk's default one,"
                    + " use tls.ca_file or the system trust store for this server"
            }
            observer?(endpoint, ContinuousClock.now - started, error.reason)
            logger.debug("plesk request failed", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Runs `operation` under the whole-request deadline. The AsyncHTTPClient timeout only covers the response
    /// head, so a trickling body would otherwise hold a poll forever.
    ///
    /// The deadline is a task scheduled on an event loop and cancelled as soon as the request ends, not a
    /// `Task.sleep` raced against it: a cancelled sleep returns at once, but on Linux its dispatch timer and task
    /// (about 630 bytes) stay allocated until the full timeout has passed. With owners collected a poll makes a
    /// request per client, so a fleet's baselines left hundreds of thousands of them waiting out the timeout
    /// (50 targets × 2,000 clients under a 600 s timeout: about 60 MiB).
    func withDeadline<T: Sendable>(
        _ endpoint: PleskEndpoint, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let expired = DeadlineFlag()
        let work = Task { try await operation() }
        let (seconds, attoseconds) = target.timeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let deadline = httpClient.eventLoopGroup.any().scheduleTask(in: timeout) {
            expired.fire()
            work.cancel()
        }
        defer { deadline.cancel() }
        let result = await withTaskCancellationHandler {
            await work.result
        } onCancel: {
            work.cancel()
        }
        switch result {
        case .success(let response):
            return response
        case .failure(let error):
            if Task.isCancelled { throw CancellationError() }
            throw classify(expired.hasFired ? DeadlineExceeded() : error, endpoint: endpoint)
        }
    }

    private func send(_ endpoint: PleskEndpoint, id: Int?, method: HTTPMethod, body: Data?) async throws
        -> PleskResponse
    {
        let response = try await execute(endpoint, id: id, method: method, body: body)
        return try await collect(response, endpoint: endpoint)
    }

    /// Sends the request and returns the response head, refusing a declared length over the limit.
    func execute(_ endpoint: PleskEndpoint, id: Int?, method: HTTPMethod, body: Data?) async throws
        -> HTTPClientResponse
    {
        var request = HTTPClientRequest(url: url(for: endpoint, id: id))
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: userAgent)
        switch target.credentials {
        case .apiKey(let key):
            request.headers.add(name: "X-API-Key", value: key)
        case .basic(let username, let password):
            let token = Data("\(username):\(password)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        return try await execute(request, endpoint: endpoint)
    }

    /// Sends a prepared request (REST or XML API) with the target's TLS pin and timeout, and returns the response
    /// head, refusing a declared length over the limit.
    func execute(_ request: HTTPClientRequest, endpoint: PleskEndpoint) async throws -> HTTPClientResponse {
        var request = request
        if target.tls.fingerprintSHA256 != nil {
            request.tlsConfiguration = try await pinnedTLSConfiguration(endpoint: endpoint)
        }
        let response = try await httpClient.execute(request, timeout: .nanoseconds(Self.nanoseconds(target.timeout)))
        if let contentLength = Self.contentLength(response), contentLength > target.maxResponseBytes {
            // Take one chunk and drop the iterator: that cancels the request and closes the connection. A body
            // nobody iterates is not cancelled, and the connection went on reading it until the process ended (a
            // 600 MiB answer took up to 416 MiB). `collect(upTo:)` would not do: it throws on the Content-Length
            // before it starts iterating.
            var iterator = response.body.makeAsyncIterator()
            _ = try? await iterator.next()
            throw PleskAPIError(
                reason: .limit, target: target.name, endpoint: endpoint, status: Int(response.status.code),
                detail: "response of \(contentLength) bytes exceeds the limit of \(target.maxResponseBytes) bytes")
        }
        return response
    }

    static func contentLength(_ response: HTTPClientResponse) -> Int? {
        response.headers.first(name: "Content-Length").flatMap(Int.init)
    }

    /// Reads the whole body (up to the limit).
    func collect(_ response: HTTPClientResponse, endpoint: PleskEndpoint) async throws -> PleskResponse {
        let collected: ByteBuffer
        do {
            collected = try await response.body.collect(upTo: target.maxResponseBytes)
        } catch {
            throw bodyFailure(error, status: Int(response.status.code), endpoint: endpoint)
        }
        return PleskResponse(
            status: Int(response.status.code),
            contentType: response.headers.first(name: "Content-Type"),
            location: response.headers.first(name: "Location"),
            body: collected)
    }

    /// The error to throw for a failure while reading a body that followed a good head.
    func bodyFailure(_ error: any Error, status: Int, endpoint: PleskEndpoint) -> any Error {
        func truncated() -> PleskAPIError {
            PleskAPIError(
                reason: .decode, target: target.name, endpoint: endpoint, status: status,
                detail: "truncated body: the connection closed before the whole response arrived")
        }
        switch error {
        case is NIOTooManyBytesError:
            return PleskAPIError(
                reason: .limit, target: target.name, endpoint: endpoint, status: status,
                detail: "response body exceeds the limit of \(target.maxResponseBytes) bytes")
        case let error as HTTPClientError where error == .remoteConnectionClosed || error == .bodyLengthMismatch:
            return truncated()
        case HTTPParserError.invalidEOFState:
            // NIO's parser reports a connection closed before `Content-Length` bytes (or the last chunk) arrived.
            return truncated()
        case NIOSSLError.uncleanShutdown:
            // TLS without close_notify: the server (or a proxy) dropped the connection in the middle of the body.
            return truncated()
        case is PleskAPIError, is CancellationError, is HTTPClientError:
            return error
        default:
            // Any other error while streaming the body after a good head: the body is incomplete. A TLS failure
            // keeps its class; everything else means the body could not be read whole.
            var classified = classify(error, endpoint: endpoint)
            if classified.reason != .tls { classified.reason = .decode }
            classified.status = status
            classified.detail = "reading the body failed: " + classified.detail
            return classified
        }
    }

    func url(for endpoint: PleskEndpoint, id: Int?) -> String {
        url(path: endpoint.path(id: id))
    }

    /// The target's URL (any path prefix kept, trailing slashes dropped) followed by `path`.
    func url(path: String) -> String {
        var base = target.url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    /// Maps a non-2xx response to its error; returns 2xx responses unchanged.
    func check(_ response: PleskResponse, endpoint: PleskEndpoint) throws -> PleskResponse {
        let status = response.status
        if (200..<300).contains(status) { return response }
        let pleskBody = try? JSONDecoder().decode(PleskErrorBody.self, from: response.body)
        let pleskText = pleskBody.map { body -> String in
            let code = body.code.map { "Plesk error \($0)" } ?? "Plesk error"
            return body.message.map { "\(code): \(Self.brief($0))" } ?? code
        }
        switch status {
        case 401:
            throw PleskAPIError(
                reason: .auth, target: target.name, endpoint: endpoint, status: status, pleskCode: pleskBody?.code,
                detail: "HTTP 401: credentials rejected"
                    + (pleskText.map { " (\($0))" }
                        ?? " (wrong key or password, a lockout after failed logins, or a key created seconds ago)"))
        case 403:
            throw PleskAPIError(
                reason: .auth, target: target.name, endpoint: endpoint, status: status, pleskCode: pleskBody?.code,
                detail: "HTTP 403: access denied"
                    + (pleskText.map { " (\($0))" }
                        ?? " (REST API disabled, or this exporter's IP not allowed in panel.ini, or not an admin key)"))
        case 300..<400:
            throw PleskAPIError(
                reason: .http, target: target.name, endpoint: endpoint, status: status,
                detail: "HTTP \(status): redirected to \(Self.safeLocation(response.location)); redirects are not"
                    + " followed, fix the target URL (plain HTTP is redirected to HTTPS by Plesk)")
        default:
            throw PleskAPIError(
                reason: .http, target: target.name, endpoint: endpoint, status: status, pleskCode: pleskBody?.code,
                detail: "HTTP \(status)" + (pleskText.map { ": \($0)" } ?? ""))
        }
    }

    /// Decodes a 2xx body, classifying every way it can be wrong as `decode`.
    func decode<T: Decodable>(_ type: T.Type, from response: PleskResponse, endpoint: PleskEndpoint) throws -> T {
        try checkDecodable(response, endpoint: endpoint)
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw decodingFailure(error, status: response.status, endpoint: endpoint)
        }
    }

    /// The `decode` error for a 2xx body the decoder refused: the failing path and problem, never the values.
    func decodingFailure(_ error: any Error, status: Int, endpoint: PleskEndpoint) -> PleskAPIError {
        PleskAPIError(
            reason: .decode, target: target.name, endpoint: endpoint, status: status,
            detail: (error as? DecodingError).map(Self.describe)
                ?? "invalid JSON: \(Self.brief(String(describing: error)))")
    }

    /// Refuses a 2xx body that cannot be JSON: an HTML page, or nothing at all.
    func checkDecodable(_ response: PleskResponse, endpoint: PleskEndpoint) throws {
        let contentType = response.contentType?.lowercased() ?? ""
        if contentType.contains("html") {
            throw PleskAPIError(
                reason: .decode, target: target.name, endpoint: endpoint, status: response.status,
                detail: "expected JSON, got \(contentType) (a login page or a proxy error page?)")
        }
        if response.body.readableBytes == 0 {
            throw PleskAPIError(
                reason: .decode, target: target.name, endpoint: endpoint, status: response.status,
                detail: "expected JSON, got an empty body")
        }
    }

    /// Names the failing path and the problem, never the values in the body.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "required field '\(key.stringValue)' is missing at \(path(context.codingPath))"
        case .valueNotFound(_, let context):
            return "required value is null at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "wrong type at \(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "malformed or truncated JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default:
            return "the body does not have the expected shape"
        }
    }

    /// Maps a transport error to its class by its type — never by its wording, which a dependency may change.
    ///
    /// The types: AsyncHTTPClient's `HTTPClientError` (timeouts, closed connections), NIOSSL's `NIOSSLError`,
    /// `NIOSSLExtraError` and `BoringSSLError` (handshake, certificate, hostname), NIO's `NIOConnectionError`,
    /// `IOError`, `ChannelError` and `SocketAddressError` (refused, unreachable, DNS), NIOHTTP1's `HTTPParserError`
    /// (an answer that is not HTTP). The text of an error only ever goes into `detail`.
    func classify(_ error: any Error, endpoint: PleskEndpoint) -> PleskAPIError {
        Self.classify(error, targetName: target.name, endpoint: endpoint, timeout: target.timeout)
    }

    /// ``classify(_:endpoint:)`` for any HTTPS client built on ``PleskTLSOptions`` (billing sources read over HTTPS):
    /// the class and an operator's description of a transport failure, never the request's headers or body.
    public static func classify(
        _ error: any Error, targetName: String, endpoint: PleskEndpoint, timeout: Duration
    ) -> PleskAPIError {
        func make(_ reason: PleskAPIError.Reason, _ detail: String) -> PleskAPIError {
            PleskAPIError(reason: reason, target: targetName, endpoint: endpoint, detail: detail)
        }
        switch error {
        case let error as PleskAPIError:
            return error
        case is DeadlineExceeded:
            return make(.timeout, "no complete response within \(timeout)")
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return make(.connect, "connecting timed out")
            case .readTimeout, .deadlineExceeded: return make(.timeout, "no response within \(timeout)")
            case .tlsHandshakeTimeout: return make(.tls, "the TLS handshake timed out")
            case .remoteConnectionClosed: return make(.connect, "the server closed the connection before answering")
            default: return make(.other, Self.brief(String(describing: error)))
            }
        case let error as NIOSSLError:
            return make(.tls, "TLS failed: \(Self.tlsSummary(error))")
        case let error as NIOSSLExtraError:
            if error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch {
                return make(.tls, "TLS failed: the certificate does not name this host")
            }
            return make(.tls, "TLS failed: \(Self.brief(String(describing: error)))")
        case let error as BoringSSLError:
            return make(.tls, "TLS failed: \(Self.tlsSummary(.handshakeFailed(error)))")
        case is NIOSSLCloseTimedOutError, is NIOTLSUnwrappingError:
            return make(.tls, "TLS failed: \(Self.brief(String(describing: error)))")
        case is NIOConnectionError, is IOError, is ChannelError, is SocketAddressError:
            return make(.connect, "cannot connect: \(Self.brief(String(describing: error)))")
        case is HTTPParserError:
            return make(.http, "the answer is not HTTP: \(Self.brief(String(describing: error)))")
        default:
            return make(.other, Self.brief(String(describing: error)))
        }
    }

    /// The cause of a TLS failure in an operator's words. BoringSSL reports it as a reason string on its error
    /// stack (the stack's only content); build paths and numeric codes are dropped.
    static func tlsSummary(_ error: NIOSSLError) -> String {
        guard case .handshakeFailed(let boring) = error else { return brief(String(describing: error)) }
        let text = String(describing: boring)
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "certificate verification failed (untrusted issuer, self-signed, or expired)"
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") {
            return "the server does not speak TLS on this port (plain HTTP?)"
        }
        if text.contains("UNSUPPORTED_PROTOCOL") || text.contains("PROTOCOL_VERSION") {
            return "no TLS version in common with the server"
        }
        // BoringSSL's own text names build paths and numeric codes after " at /"; operators need the cause.
        if let range = text.range(of: " at /") { return brief(String(text[..<range.lowerBound])) }
        return brief(text)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    static func brief(_ text: String) -> String {
        text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    static func safeLocation(_ location: String?) -> String {
        guard let location, let components = URLComponents(string: location) else { return "an unnamed location" }
        var safe = URLComponents()
        safe.scheme = components.scheme
        safe.host = components.host
        safe.port = components.port
        safe.path = components.path
        return safe.string ?? "an unnamed location"
    }
}

/// Marks the whole-request deadline firing.
struct DeadlineExceeded: Error {}

/// Set when a request's deadline passed (from the event loop that ran it).
private final class DeadlineFlag: Sendable {
    private let fired = Mutex(false)

    func fire() { fired.withLock { $0 = true } }
    var hasFired: Bool { fired.withLock { $0 } }
}
