/// A failed call to Plesk, classified for the `reason` label of `plesk_poll_errors_total`.
///
/// Messages name the target and the endpoint and never contain credentials.
public struct PleskAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Failure classes; `rawValue` is the metric label.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The deadline passed before the whole response arrived.
        case timeout
        /// The server could not be reached (refused, DNS, unreachable, closed before answering).
        case connect
        /// The TLS handshake or certificate check failed (including a fingerprint mismatch).
        case tls
        /// 401 or 403.
        case auth
        /// Any other non-2xx status, or a redirect (never followed silently).
        case http
        /// The body was not the JSON expected: HTML, truncated, malformed, wrong shape, missing field, duplicate guid.
        case decode
        /// The body exceeded the size limit.
        case limit
        /// The XML API is switched off or refuses this address (`panel.ini` `[api]`): an HTTP 403 from `agent.php`
        /// or a `system` error 1006.
        case refused
        /// The XML API answered with an error of its own (`errcode`, e.g. 1014 parser error, 1023 operation
        /// failed, an error `<result>`); ``PleskAPIError/pleskCode`` holds the code.
        case api
        case other
    }

    public var reason: Reason
    public var target: String
    public var endpoint: PleskEndpoint
    /// HTTP status when one was received.
    public var status: Int?
    /// Plesk's `{code, message}` when the error body carried one, or the XML API's `errcode`.
    public var pleskCode: Int?
    public var detail: String

    public init(
        reason: Reason, target: String, endpoint: PleskEndpoint, status: Int? = nil, pleskCode: Int? = nil,
        detail: String
    ) {
        self.reason = reason
        self.target = target
        self.endpoint = endpoint
        self.status = status
        self.pleskCode = pleskCode
        self.detail = detail
    }

    public var description: String {
        "target \(target): \(endpoint.pathTemplate): \(reason.rawValue): \(detail)"
    }
}
