import Hummingbird

/// `GET /healthz` (liveness: the process serves) and `GET /readyz` (the database is open and every target has had
/// its first poll attempt).
struct HealthController {
    let status: ExporterStatus

    func addRoutes(to router: Router<ExporterRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            switch await status.readiness {
            case .ready:
                return Self.text("ok\n", status: .ok)
            case .notReady(let reason):
                return Self.text("not ready: \(reason)\n", status: .serviceUnavailable)
            }
        }
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
