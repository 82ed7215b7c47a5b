import Hummingbird
import Synchronization

/// Which methods each path of the router answers, read from the router itself once every route is added: what a
/// 405 lists in `Allow`. Hummingbird answers a known path with an unknown method with 404, like an unknown path.
final class RouteMethods: Sendable {
    private let routes = Mutex<[(path: RouterPath, methods: [HTTPRequest.Method])]>([])

    /// Records the routes of `router` (call it after the last route is added).
    func record(_ router: Router<some RequestContext>) {
        var byPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in router.routes {
            byPath[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        // `.autoGenerateHeadEndpoints` adds HEAD for every GET when the responder is built, after this runs.
        for (key, route) in byPath where route.methods.contains(.get) && !route.methods.contains(.head) {
            byPath[key]?.methods.insert(.head, at: route.methods.firstIndex(of: .get)! + 1)
        }
        routes.withLock { $0 = byPath.values.sorted { $0.path.description < $1.path.description } }
    }

    /// The methods of the route matching `path`, or nil when no route does (`{…}` matches any one segment).
    func allowed(path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.withLock { routes in
            routes.first { route in
                route.path.components.count == segments.count
                    && zip(route.path.components, segments).allSatisfy { $0 ~= $1 }
            }?.methods
        }
    }
}
