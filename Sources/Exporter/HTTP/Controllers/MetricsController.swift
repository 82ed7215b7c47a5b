import Hummingbird

/// The Prometheus endpoint (`--web.telemetry-path`). Served from ``ExporterStatus`` and the telemetry registry only.
struct MetricsController {
    let status: ExporterStatus
    let telemetry: ExporterTelemetry?
    let path: String

    func addRoutes(to router: Router<ExporterRequestContext>) {
        router.get(RouterPath(path)) { _, _ -> Response in
            let snapshot = await status.snapshot()
            let bytes = MetricsExposition.render(snapshot, telemetry: telemetry)
            return Response(
                status: .ok, headers: [.contentType: MetricsExposition.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
