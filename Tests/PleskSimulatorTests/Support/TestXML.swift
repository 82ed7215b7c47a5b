import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// How a test packet authenticates to `agent.php`.
enum XMLAuth {
    case none
    case key(String)
    case login(String, String)
    /// These headers verbatim (to test names, casing and half-given methods).
    case headers([(String, String)])

    static let defaultKey = XMLAuth.key(SimulatedPlesk.Configuration.defaultAPIKey)
    static let defaultLogin = XMLAuth.login(
        SimulatedPlesk.Configuration.defaultUsername, SimulatedPlesk.Configuration.defaultPassword)
}

/// Request packets used across the XML API tests.
enum Packet {
    static func webspace(_ filter: String = "<filter/>", _ datasets: String = "<gen_info/>", version: String? = nil)
        -> String
    {
        self.wrap("<webspace><get>\(filter)<dataset>\(datasets)</dataset></get></webspace>", version: version)
    }

    static let allDatasets = "<gen_info/><limits/><stat/><disk_usage/><subscriptions/>"

    static func servicePlans(_ filter: String = "<filter/>", owner: String = "", addon: Bool = false) -> String {
        let name = addon ? "service-plan-addon" : "service-plan"
        return self.wrap("<\(name)><get>\(filter)\(owner)</get></\(name)>")
    }

    static let serverStat = wrap("<server><get><gen_info/><stat/></get></server>")

    static func wrap(_ operators: String, version: String? = nil) -> String {
        let attribute = version.map { " version=\"\($0)\"" } ?? ""
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet\(attribute)>\(operators)</packet>"
    }
}

extension HTTPClient {
    /// Posts `packet` to the simulator's `agent.php` and reads the answer.
    func agent(
        _ plesk: SimulatedPlesk,
        _ packet: String,
        auth: XMLAuth = .defaultKey,
        contentType: String? = "text/xml",
        headers: [(String, String)] = [],
        method: String = "POST",
        limit: Int = 512 * 1024 * 1024,
        timeout: Int64 = 30
    ) async throws -> Fetched {
        var request = HTTPClientRequest(url: plesk.xmlAPIURL)
        request.method = .init(rawValue: method)
        switch auth {
        case .none: break
        case .key(let key): request.headers.add(name: "KEY", value: key)
        case .login(let login, let password):
            request.headers.add(name: "HTTP_AUTH_LOGIN", value: login)
            request.headers.add(name: "HTTP_AUTH_PASSWD", value: password)
        case .headers(let fields):
            for (name, value) in fields { request.headers.add(name: name, value: value) }
        }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(Array(packet.utf8))
        let response = try await self.execute(request, timeout: .seconds(timeout))
        let collected = try await response.body.collect(upTo: limit)
        return Fetched(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: Array(collected.readableBytesView)
        )
    }
}

/// An answer parsed by libxml2 (FoundationXML), independently of the simulator's own writer.
struct AgentAnswer {
    let document: XMLDocument

    struct NotWellFormed: Error {}

    /// Throws unless the body is well-formed (`XMLDocument` recovers from errors; `XMLParser` reports them, though
    /// on Linux `parse()` still returns true).
    init(_ fetched: Fetched) throws {
        let parser = XMLParser(data: Data(fetched.body))
        guard parser.parse(), parser.parserError == nil else { throw NotWellFormed() }
        self.document = try XMLDocument(data: Data(fetched.body), options: [])
    }

    var root: XMLElement { self.document.rootElement()! }

    func elements(_ xpath: String) throws -> [XMLElement] {
        try self.document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    func strings(_ xpath: String) throws -> [String] {
        try self.document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }

    func string(_ xpath: String) throws -> String? {
        try self.strings(xpath).first
    }

    /// `packet/system`'s code and text, when the answer is a system error.
    var systemError: (code: Int, text: String)? {
        guard let code = try? self.string("/packet/system/errcode").flatMap({ Int($0) }) else { return nil }
        return (code, (try? self.string("/packet/system/errtext")) ?? "")
    }

    var version: String? { self.root.attribute(forName: "version")?.stringValue }
}

extension XMLElement {
    /// The names of the child elements, in order.
    var childNames: [String] {
        (self.children ?? []).compactMap { ($0 as? XMLElement)?.name }
    }

    func child(_ name: String) -> XMLElement? {
        self.elements(forName: name).first
    }

    func text(_ name: String) -> String? {
        self.child(name)?.stringValue
    }

    /// The value of the limit called `name` in this `data` element's (or plan result's) `limits`.
    func limit(_ name: String) -> String? {
        self.child("limits")?.elements(forName: "limit").first { $0.text("name") == name }?.text("value")
    }
}

extension Fetched {
    func xml() throws -> AgentAnswer { try AgentAnswer(self) }
}

/// Runs `body` against a simulator with pretty, declared-encoding XML (tests that check layout set their own).
func withXMLSimulator<T>(
    inventory: PleskInventory = .demo(),
    output: SimulatedPlesk.XMLOutput = .prettyWithEncoding,
    _ body: (SimulatedPlesk, HTTPClient) async throws -> T
) async throws -> T {
    try await withSimulator(.init(tls: .disabled, xmlOutput: output), inventory: inventory, body)
}
