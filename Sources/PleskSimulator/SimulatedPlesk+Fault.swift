extension SimulatedPlesk {
    /// A misbehaviour injected on an endpoint with ``SimulatedPlesk/inject(_:on:times:)``.
    ///
    /// Faults apply after routing (unknown paths still get 404) and before authentication, so they work
    /// whatever credentials the client sends; the request is still logged with the credentials it carried.
    ///
    /// On the XML API the same faults speak XML: bodies are packets (`malformedJSON` is malformed XML, `emptyList`
    /// an empty `<get/>`, `missingField` leaves out an element), and three faults are its own: ``apiRefused(_:)``,
    /// ``systemError(code:text:)`` and ``errorResult(code:text:position:)``.
    public enum Fault: Sendable, Hashable, CustomStringConvertible {
        /// Waits, then answers normally (authentication included). Ends early, without an answer, when the
        /// client closes the connection or the server stops.
        case delay(Duration)
        /// Never answers: the request stays open until the client gives up (closes the connection) or the
        /// server stops. Does not hold up shutdown.
        case hang
        /// This status with this body (verbatim, served as JSON when given; empty when nil). On the XML API a body is
        /// served as XML, or as HTML when it starts with `<html` or `<!DOCTYPE html` (an HTML 404 from a wrong port).
        case status(Int, body: String? = nil)
        /// 200 with a `text/html` Plesk login page, as a proxy or a misrouted URL would give.
        case html
        /// Headers with the full `Content-Length`, half of the normal body, then the connection closes.
        case truncated
        /// Headers with the full `Content-Length`, half of the normal body, then nothing more: the connection stays
        /// open until the client gives up or the server stops (a server that never finishes the body).
        case stalledBody
        /// 200, JSON content type, a body that is not valid JSON (on the XML API: `text/xml`, not well-formed XML;
        /// ``malformed`` names it for either).
        case malformedJSON
        /// 200 with valid JSON (or XML) of the wrong shape.
        case wrongShape(WrongShape)
        /// The normal body with this key removed from every item (or from the object); on the XML API, every element
        /// of this name with its content.
        case missingField(String)
        /// 200 with `[]` (a domains/clients list that suddenly came back empty); on the XML API, each `<get/>` empty.
        case emptyList
        /// 200 with a valid-looking JSON array of domains (XML API: a `webspace get` packet) of at least `bytes` bytes, streamed in chunks
        /// (never held in memory). With `declaresLength` the `Content-Length` is sent up front, else the
        /// body is chunked.
        case oversized(bytes: Int, declaresLength: Bool = true)
        /// The connection is closed without any response (plain HTTP: a TCP reset via SO_LINGER 0; over TLS
        /// the TLS layer first sends close_notify). The client sees the connection end before a response head.
        case connectionReset
        /// 301 to this location, empty body.
        case redirect(location: String)
        /// The API switched off in `panel.ini` or the client's address not allowed. The XML API answers as chosen
        /// (what a real `agent.php` does is undocumented); REST endpoints answer 403 with an `ErrorResponse` either way.
        case apiRefused(APIRefusal)
        /// XML API: a `system` error with this code and text (e.g. 1003 agent initialization failed, 1004 Plesk not
        /// configured). REST endpoints answer 500 `{"code":…,"message":…}`.
        case systemError(code: Int, text: String)
        /// XML API: the result at `position` of the (first `<get>`'s) list, or the last one when the list is shorter,
        /// becomes an error result; the others stay ok. REST endpoints answer normally.
        case errorResult(code: Int, text: String, position: Int = 0)

        /// How ``apiRefused(_:)`` refuses an XML API request.
        public enum APIRefusal: Sendable, Hashable {
            /// HTTP 403 with an HTML body.
            case httpForbidden
            /// HTTP 200 with a `system` error 1006 "Permission denied".
            case permissionDenied
        }

        /// The ways ``wrongShape(_:)`` can be wrong.
        public enum WrongShape: Sendable, Hashable {
            /// The normal body wrapped in an object: `{"data": <normal body>}`.
            case object
            /// An array of strings (the names or logins): `["a.example", …]`.
            case arrayOfStrings
        }

        /// 401 with an empty body (bad credentials, brute-force lockout, a key not yet active).
        public static let unauthorized = Fault.status(401)

        /// 403 with an `ErrorResponse`: REST API disabled in panel.ini or client IP not allowed.
        public static func forbidden(
            code: Int = 403, message: String = "Access to the API is forbidden from this IP address."
        ) -> Fault {
            .status(403, body: PleskJSON.error(code: code, message: message).string)
        }

        /// 500 `{"code":1023,"message":"You cannot manage customers due to license restrictions."}` (observed live).
        public static let licenseRestriction = Fault.status(
            500,
            body: PleskJSON.error(code: 1023, message: "You cannot manage customers due to license restrictions.").string
        )

        /// ``malformedJSON``, named for either API.
        public static let malformed = Fault.malformedJSON

        /// An error result 1013 "Object not found." at `position`.
        public static func objectNotFound(at position: Int = 0) -> Fault {
            .errorResult(code: 1013, text: "Object not found.", position: position)
        }

        /// An error result 1023 "Operation failed." at `position`.
        public static func operationFailed(at position: Int = 0) -> Fault {
            .errorResult(code: 1023, text: "Operation failed.", position: position)
        }

        /// 503 `{"message":…}`: Plesk is not initialised yet.
        public static func notInitialized(message: String = "Plesk is not initialized yet.") -> Fault {
            .status(503, body: PleskJSON.message(message).string)
        }

        public var description: String {
            switch self {
            case .delay(let duration): "delay(\(duration))"
            case .hang: "hang"
            case .status(let code, let body): body == nil ? "status(\(code))" : "status(\(code), body)"
            case .html: "html"
            case .truncated: "truncated"
            case .stalledBody: "stalledBody"
            case .malformedJSON: "malformedJSON"
            case .wrongShape(let shape): "wrongShape(\(shape))"
            case .missingField(let name): "missingField(\(name))"
            case .emptyList: "emptyList"
            case .oversized(let bytes, let declaresLength): "oversized(\(bytes), declaresLength: \(declaresLength))"
            case .connectionReset: "connectionReset"
            case .redirect(let location): "redirect(\(location))"
            case .apiRefused(let refusal): "apiRefused(\(refusal))"
            case .systemError(let code, _): "systemError(\(code))"
            case .errorResult(let code, _, let position): "errorResult(\(code), position: \(position))"
            }
        }
    }
}

extension ByteBuffer {
    fileprivate var string: String { String(buffer: self) }
}

import NIOCore
