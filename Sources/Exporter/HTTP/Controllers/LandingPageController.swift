import Hummingbird

/// `GET /`: the HTML overview.
struct LandingPageController {
    static let eventCount = 20

    let dependencies: HTTPDependencies

    func addRoutes(to router: Router<ExporterRequestContext>) {
        router.get("/") { _, _ -> Response in
            let snapshot = await dependencies.status.snapshot()
            let events = try await dependencies.history.latestEvents(limit: Self.eventCount)
            let page = LandingPage(
                snapshot: snapshot, events: events, telemetryPath: dependencies.web.telemetryPath,
                adminAPIEnabled: dependencies.web.enableAdminAPI, now: dependencies.now())
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: page.render())))
        }
    }
}
