import Hummingbird

/// Turns every error into the JSON envelope: Hummingbird's own `HTTPError`s (unknown path, body too large, …) keep
/// their status; anything unexpected (a storage failure) is logged and answered with a generic 500, so no internal
/// detail leaks to clients.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The router's own routes, for the 405s.
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw envelope(for: error.status, message: error.body, request: request, context: context, error: error)
        } catch let error as any HTTPResponseError {
            // e.g. NIOTooManyBytesError (413) from collecting a body over the upload limit.
            throw envelope(for: error.status, message: nil, request: request, context: context, error: error)
        } catch is CancellationError {
            throw APIError(status: .serviceUnavailable, errorType: "unavailable", message: "shutting down")
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            throw APIError.internalError
        }
    }

    func envelope(
        for status: HTTPResponse.Status, message: String?, request: Request, context: Context, error: any Error
    ) -> APIError {
        switch status {
        case .notFound:
            // The router answers 404 for a known path with another method; the API says 405 and what is allowed.
            if let allowed = routes.allowed(path: request.uri.path) {
                return APIError.methodNotAllowed(request.method, path: request.uri.path, allowed: allowed)
            }
            return APIError.notFound(message ?? "no such path: \(request.method) \(request.uri.path)")
        case .contentTooLarge:
            return APIError(status: status, errorType: "bad_data", message: message ?? "request body too large")
        case let status where status.code < 500:
            return APIError(status: status, errorType: "bad_data", message: message ?? status.reasonPhrase)
        default:
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return APIError.internalError
        }
    }
}
