import Hummingbird

extension APIController {
    /// Every path of the API (as in docs/openapi.json) and its methods: what a 405 lists in `Allow`. The router
    /// itself only knows "no route", so this table must follow ``addRoutes(to:)`` and ``OpenAPIController``.
    static let routes: [(segments: [String], methods: [HTTPRequest.Method])] = [
        (["targets"], [.get, .head]),
        (["polls"], [.get, .head]),
        (["events"], [.get, .head]),
        (["inventory"], [.get, .head]),
        (["history"], [.get, .head]),
        (["report"], [.get, .head]),
        (["openapi.json"], [.get, .head]),
        (["events", "ack"], [.post]),
        (["events", "{id}", "ack"], [.post]),
    ]

    /// The methods of an API path, or nil when the path is not one (a `{…}` segment matches any one segment).
    static func allowedMethods(path: String) -> [HTTPRequest.Method]? {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments.count > 2, segments[0] == "api", segments[1] == "v1" else { return nil }
        segments.removeFirst(2)
        return routes.first { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, segment in
                    template.hasPrefix("{") || template == segment
                }
        }?.methods
    }
}
