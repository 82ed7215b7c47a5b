import Hummingbird

/// An error answered with the Prometheus HTTP API envelope:
/// `{"status":"error","errorType":"bad_data","error":"…"}`.
///
/// `errorType` uses Prometheus' vocabulary: `bad_data` (400, 405, 413), `not_found` (404), `unavailable` (403 for the
/// disabled admin API), `unauthorized` (401 without valid basic-auth credentials) and `internal` (500). Messages
/// never contain credentials.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var errorType: String
    public var message: String
    /// Extra response headers (`Allow` of a 405).
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, errorType: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.errorType = errorType
        self.message = message
        self.headers = headers
    }

    public static func badData(_ message: String) -> APIError {
        APIError(status: .badRequest, errorType: "bad_data", message: message)
    }

    public static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, errorType: "not_found", message: message)
    }

    /// 405 for a path that exists with other methods; `Allow` lists them (RFC 9110).
    public static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method])
        -> APIError
    {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            status: .methodNotAllowed, errorType: "bad_data",
            message: "method \(method) not allowed for \(path): use \(allow)", headers: [.allow: allow])
    }

    public static let adminDisabled = APIError(
        status: .forbidden, errorType: "unavailable",
        message: "admin APIs disabled: start plesk_exporter with --web.enable-admin-api to acknowledge events over HTTP"
    )

    /// Basic auth is configured and the request's credentials are missing or wrong (which one is not told).
    public static let unauthorized = APIError(
        status: .unauthorized, errorType: "unauthorized", message: "authentication required")

    public static let internalError = APIError(
        status: .internalServerError, errorType: "internal", message: "internal error (details are in the exporter log)"
    )

    public var description: String { "\(status.code) \(errorType): \(message)" }

    struct Envelope: Encodable {
        var status = "error"
        var errorType: String
        var error: String
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONOutput.encoder().encode(Envelope(errorType: errorType, error: message))
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// `{"status":"success","data":…}`.
struct APIResponse<Payload: Encodable & Sendable>: ResponseEncodable, Sendable {
    var status = "success"
    var data: Payload

    init(_ data: Payload) {
        self.data = data
    }
}
