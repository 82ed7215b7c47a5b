import Hummingbird

/// The Prometheus endpoint (`--web.telemetry-path`). Served from ``ExporterStatus`` and the telemetry registry only.
///
/// gzip-compressed when the scraper accepts it (Prometheus always does, SPEC §7), plain text otherwise. The
/// inventory and instrumentation parts come from ``MetricsCache``; only the live part is rendered and compressed per
/// scrape.
struct MetricsController {
    let status: ExporterStatus
    let telemetry: ExporterTelemetry?
    let path: String
    let cache = MetricsCache()

    func addRoutes(to router: Router<ExporterRequestContext>) {
        router.get(RouterPath(path)) { request, _ -> Response in
            let inventory = await cache.inventory(from: status)
            let instrumentation = cache.instrumentation(from: telemetry)
            let live = MetricsExposition.livePart(telemetry: telemetry)
            var headers: HTTPFields = [.contentType: MetricsExposition.contentType, .vary: "Accept-Encoding"]
            let body: [UInt8]
            if Self.acceptsGzip(request.headers[values: .acceptEncoding]) {
                // Level 1 for the small per-scrape part: it is compressed on every scrape.
                body = DeflatedPart.gzip([
                    inventory.deflated, instrumentation.deflated, DeflatedPart(live, final: true, level: 1),
                ])
                headers[.contentEncoding] = "gzip"
            } else {
                body = inventory.plain + instrumentation.plain + live
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    /// `Accept-Encoding` lists gzip with a non-zero quality (`gzip`, `gzip;q=0.5`, `*`; not `gzip;q=0`).
    static func acceptsGzip(_ values: [String]) -> Bool {
        var gzip: Bool?
        var any = false
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first else { continue }
                let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
                if coding == "gzip" || coding == "x-gzip" { gzip = quality > 0 }
                if coding == "*" { any = quality > 0 }
            }
        }
        return gzip ?? any
    }
}
