import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A fake WHMCS API for tests and the demo: `POST /includes/api.php` answering `GetClientsProducts` from a list of
/// services the test sets, paged by `limitstart`/`limitnum` (WHMCS's default page is 25), over HTTPS with a
/// self-signed certificate on loopback (or plain HTTP).
///
/// Like WHMCS, a wrong `identifier`/`secret` answers HTTP 403 with `{"result":"error","message":"Authentication
/// Failed"}`, and an unknown action `{"result":"error","message":"Command Not Found"}`. ``fault`` makes it misbehave
/// the ways a billing server or the proxy before it does.
public final class SimulatedWHMCS: Sendable {
    /// One client service (`tblhosting`) as `GetClientsProducts` lists it.
    public struct Product: Sendable, Hashable {
        public var id: Int
        public var clientID: Int
        /// The product's name (a plan, for reconciliation).
        public var name: String
        public var domain: String
        /// Active, Suspended, Terminated, Cancelled, Fraud, Pending or Completed.
        public var status: String
        /// 0: no server assigned.
        public var serverID: Int
        public var serverName: String
        public var serverHostname: String
        public var username: String

        public init(
            id: Int, domain: String, status: String = "Active", name: String = "Hosting", serverID: Int = 1,
            serverName: String = "web01", serverHostname: String = "web01.example.com", clientID: Int = 1,
            username: String = ""
        ) {
            self.id = id
            self.clientID = clientID
            self.name = name
            self.domain = domain
            self.status = status
            self.serverID = serverID
            self.serverName = serverName
            self.serverHostname = serverHostname
            self.username = username
        }
    }

    /// Ways to misbehave, until cleared.
    public enum Fault: Sendable, Hashable {
        /// Every request answers this status with a plain-text body.
        case httpStatus(Int)
        /// Every request answers 200 with an HTML page (a login or maintenance page).
        case html
        /// Every page's JSON is cut in half.
        case truncatedJSON
        /// The page with this index (0-based: `limitstart / limitnum`) answers `{"result":"error"}`.
        case errorOnPage(Int)
        /// The page with this index holds one service fewer than it should (consistently counted).
        case shortPage(Int)
    }

    /// A request as the simulator saw it.
    public struct Request: Sendable, Hashable {
        public var action: String?
        public var limitStart: Int
        public var limitNum: Int
        public var authenticated: Bool
    }

    private struct State {
        var products: [Product]
        var fault: Fault?
        var requests: [Request] = []
    }

    public static let defaultIdentifier = "D4j1dKYE3g40VROOPCGyJ9zRwP0ADJIv"
    public static let defaultSecret = "F1CKGXRIpylMfsrig3mwwdSdYUdLiFlo-simulated"

    public let identifier: String
    public let secret: String
    /// The certificate presented; nil for plain HTTP.
    public let certificate: TestCertificate?
    private let state: Mutex<State>

    public init(
        identifier: String = SimulatedWHMCS.defaultIdentifier, secret: String = SimulatedWHMCS.defaultSecret,
        products: [Product] = [], tls: Bool = true
    ) throws {
        self.identifier = identifier
        self.secret = secret
        self.certificate = tls ? try TestCertificates.selfSigned() : nil
        self.state = Mutex(State(products: products))
    }

    public var products: [Product] {
        get { state.withLock { $0.products } }
        set { state.withLock { $0.products = newValue } }
    }

    public var fault: Fault? {
        get { state.withLock { $0.fault } }
        set { state.withLock { $0.fault = newValue } }
    }

    /// Every request so far, oldest first.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Serves until `body` returns; `body` gets the API's URL (`https://127.0.0.1:<port>/includes/api.php`).
    public func withRunning<T>(_ body: (URL) async throws -> T) async throws -> T {
        let scheme = certificate == nil ? "http" : "https"
        return try await LoopbackServer.withRunning(router(), certificate: certificate) { port in
            try await body(URL(string: "\(scheme)://127.0.0.1:\(port)/includes/api.php")!)
        }
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router<BasicRequestContext>()
        router.post("/includes/api.php") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            return self.answer(Self.parseForm(String(buffer: body)))
        }
        return router
    }

    private func answer(_ form: [String: String]) -> Response {
        let start = max(0, Int(form["limitstart"] ?? "") ?? 0)
        let size = max(1, Int(form["limitnum"] ?? "") ?? 25)
        let authenticated = form["identifier"] == identifier && form["secret"] == secret
        let (products, fault) = state.withLock { state in
            state.requests.append(
                Request(action: form["action"], limitStart: start, limitNum: size, authenticated: authenticated))
            return (state.products, state.fault)
        }
        switch fault {
        case .httpStatus(let status):
            return Self.response(
                HTTPResponse.Status(code: status), type: "text/plain", "simulated failure \(status)\n")
        case .html:
            return Self.response(
                .ok, type: "text/html; charset=utf-8", "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>")
        default:
            break
        }
        guard authenticated else {
            return Self.json(.forbidden, ["result": "error", "message": "Authentication Failed"])
        }
        guard form["action"]?.lowercased() == "getclientsproducts" else {
            return Self.json(.ok, ["result": "error", "message": "Command Not Found"])
        }
        let index = start / size
        if fault == .errorOnPage(index) {
            return Self.json(.ok, ["result": "error", "message": "Simulated database error"])
        }
        var page = Array(products.dropFirst(start).prefix(size))
        if fault == .shortPage(index), !page.isEmpty { page.removeLast() }
        let payload: [String: Any] = [
            "result": "success", "clientid": 0, "serviceid": NSNull(), "pid": NSNull(), "domain": NSNull(),
            "totalresults": products.count, "startnumber": start, "numreturned": page.count,
            "products": ["product": page.map(Self.object)],
        ]
        var response = Self.json(.ok, payload)
        if fault == .truncatedJSON {
            let text = Self.text(payload)
            response = Self.response(.ok, type: "application/json", String(text.prefix(text.count / 2)))
        }
        return response
    }

    private static func object(_ product: Product) -> [String: Any] {
        [
            "id": product.id, "clientid": product.clientID, "orderid": product.id, "pid": 1,
            "regdate": "2024-01-15", "name": product.name, "translated_name": product.name, "groupname": "Hosting",
            "domain": product.domain, "dedicatedip": "", "serverid": product.serverID, "servername": product.serverName,
            "serverip": product.serverID > 0 ? "192.0.2.\(product.serverID)" : "",
            "serverhostname": product.serverHostname, "status": product.status, "username": product.username,
            "password": "simulated-service-password", "billingcycle": "Monthly", "recurringamount": "9.99",
        ]
    }

    private static func text(_ payload: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private static func json(_ status: HTTPResponse.Status, _ payload: [String: Any]) -> Response {
        response(status, type: "application/json", text(payload))
    }

    private static func response(_ status: HTTPResponse.Status, type: String, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `application/x-www-form-urlencoded` fields (`+` is a space); the last of a repeated name wins.
    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            guard let name = parts.first else { continue }
            fields[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
