import Hummingbird

/// Turns every error into the JSON envelope: Hummingbird's own `HTTPError`s (unknown path, body too large, …) keep
/// their status; anything unexpected (a storage failure) is logged and answered with a generic 500, so no internal
/// detail leaks to clients.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            switch error.status {
            case .notFound:
                throw APIError.notFound(error.body ?? "no such path: \(request.method) \(request.uri.path)")
            case .contentTooLarge:
                throw APIError(status: error.status, errorType: "bad_data", message: "request body too large")
            case let status where status.code < 500:
                throw APIError(status: status, errorType: "bad_data", message: error.body ?? status.reasonPhrase)
            default:
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
                throw APIError.internalError
            }
        } catch is CancellationError {
            throw APIError(status: .serviceUnavailable, errorType: "unavailable", message: "shutting down")
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            throw APIError.internalError
        }
    }
}
