import Hummingbird

/// HTTP basic auth against the `basic_auth_users` in force (read per request, so a reload applies at once).
///
/// When users are configured every path but `/healthz` needs one: liveness probes carry no credentials and learn
/// nothing from it. Missing, malformed and wrong credentials and unknown users all get the same `401` with
/// `WWW-Authenticate: Basic realm="plesk_exporter"` and the JSON envelope; an unknown user costs a bcrypt check
/// like a known one, so neither the answer nor its timing tells which user names exist.
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    static var realm: String { "plesk_exporter" }

    let security: ReloadableWebSecurity
    let verifier: CachingPasswordVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let current = security.current
        guard !current.users.isEmpty, !Self.isOpen(request.uri.path) else { return try await next(request, context) }
        if let credentials = BasicCredentials(authorization: request.headers[.authorization]),
            await authenticate(credentials, in: current)
        {
            return try await next(request, context)
        }
        context.logger.debug("basic auth failed", metadata: ["path": "\(request.uri.path)"])
        var response = try APIError.unauthorized.response(from: request, context: context)
        response.headers[.wwwAuthenticate] = "Basic realm=\"\(Self.realm)\""
        return response
    }

    static func isOpen(_ path: String) -> Bool {
        path == "/healthz" || path == "/healthz/"
    }

    private func authenticate(_ credentials: BasicCredentials, in security: WebSecurity) async -> Bool {
        if let hash = security.users[credentials.user] {
            return await verifier.verify(user: credentials.user, password: credentials.password, hash: hash)
        }
        // Uncached on purpose: the decoy check must always take a full bcrypt.
        if let decoy = security.decoyHash {
            _ = await verifier.verifyUncached(password: credentials.password, hash: decoy)
        }
        return false
    }
}
