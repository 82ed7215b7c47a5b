import Hummingbird

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the API (HTTP/OpenAPI/openapi.json, embedded at build time).
struct OpenAPIController {
    /// Made once; every response shares the buffer (copy on write).
    static let body = ByteBuffer(bytes: PackageResources.openapi_json)

    func addRoutes(to router: Router<ExporterRequestContext>) {
        router.get("/api/v1/openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: Self.body))
        }
    }
}
