import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import InventoryModel
import Testing

@testable import Exporter

/// The OpenAPI document (Sources/Exporter/HTTP/OpenAPI/openapi.json) against the code: the served document is the file, it stays within the JSON Schema subset that
/// ``SchemaValidator`` checks, and every response of a populated exporter — successes and errors — matches the
/// schema the document gives for its path, method, status and content type.
@Suite("OpenAPI document")
struct OpenAPIConformanceTests {
    static let sourceFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Exporter/HTTP/OpenAPI/openapi.json")

    static func document() throws -> JSONAny {
        try JSONDecoder().decode(JSONAny.self, from: Data(contentsOf: sourceFile))
    }

    @Test("GET /api/v1/openapi.json serves the document embedded at build time, byte for byte")
    func servedBytes() async throws {
        let file = try Data(contentsOf: Self.sourceFile)
        let harness = try await Harness(seed: false)
        let response = try await harness.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get)
        }
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        let served = Data(response.body.readableBytesView)
        #expect(served == file)
    }

    @Test("the document is OpenAPI 3.1 and uses only the checked JSON Schema subset")
    func subset() async throws {
        let document = try Self.document()
        let validator = SchemaValidator(document: document)
        guard case .object(let root) = document, case .object(let components)? = root["components"],
            case .object(let schemas)? = components["schemas"], case .object(let parameters)? = components["parameters"],
            case .object(let paths)? = root["paths"]
        else {
            Issue.record("no components or paths")
            return
        }
        #expect(root["openapi"] == .string("3.1.0"))
        var unsupported: [String] = []
        for (name, schema) in schemas { unsupported += validator.unsupportedKeywords(schema, path: "schemas/\(name)") }
        for (name, parameter) in parameters {
            if case .object(let members) = parameter, let schema = members["schema"] {
                unsupported += validator.unsupportedKeywords(schema, path: "parameters/\(name)")
            }
        }
        #expect(unsupported.isEmpty, "\(unsupported)")
        // Every $ref resolves.
        var references: [String] = []
        func collect(_ node: JSONAny) {
            switch node {
            case .object(let members):
                if case .string(let reference)? = members["$ref"] { references.append(reference) }
                members.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(references.count > 50)
        #expect(references.filter { validator.resolve($0) == nil }.isEmpty)
        // The document describes exactly the operations the router has under /api/v1 (HEAD is generated for GET).
        var documented: Set<String> = []
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for method in operations.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let harness = try await Harness()
        let routed = Set(
            buildRouter(harness.dependencies()).routes
                .filter { $0.path.description.hasPrefix("/api/v1/") && $0.method != .head }
                .map { "\($0.method) \($0.path.description)" })
        #expect(documented == routed)
    }

    @Test("the validator rejects what the document rules out")
    func validatorSelfTest() throws {
        let validator = SchemaValidator(document: try Self.document())
        let event = ##"{"$ref":"#/components/schemas/Event"}"##
        let error = ##"{"$ref":"#/components/schemas/Error"}"##
        func check(_ json: String, _ schema: String) throws -> [String] {
            validator.errors(
                try JSONDecoder().decode(JSONAny.self, from: Data(json.utf8)),
                try JSONDecoder().decode(JSONAny.self, from: Data(schema.utf8)))
        }
        #expect(try check(#"{"status":"error","errorType":"bad_data","error":"x"}"#, error).isEmpty)
        #expect(!(try check(#"{"status":"error","errorType":"bad_data"}"#, error).isEmpty))
        #expect(!(try check(#"{"status":"error","errorType":"oops","error":"x"}"#, error).isEmpty))
        #expect(!(try check(#"{"status":"error","errorType":"bad_data","error":"x","extra":1}"#, error).isEmpty))
        #expect(!(try check(#"{"id":1}"#, event).isEmpty))
        #expect(!(try check(#""2027-02-29T00:00:00Z""#, #"{"type":"string","format":"date-time"}"#).isEmpty))
        #expect(try check(#""2028-02-29T23:59:60.5+01:00""#, #"{"type":"string","format":"date-time"}"#).isEmpty)
        #expect(!(try check(#"1.5"#, #"{"type":"integer"}"#).isEmpty))
        #expect(try check(#"null"#, #"{"type":["integer","null"]}"#).isEmpty)
        #expect(!(try check(#"1"#, #"{"type":"integer","maximum":0}"#).isEmpty))
        #expect(!(try check(#"1"#, #"{"type":"integer","if":{}}"#).isEmpty), "unknown keywords fail")
        #expect(!(try check(#""x""#, #"{"type":"string","format":"email"}"#).isEmpty), "unknown formats fail")
    }

    // MARK: responses against the document

    /// One request and the status it must get.
    struct Call: CustomStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        var body: String?
        var status: HTTPResponse.Status
        var admin = true
        /// Whether `expected:` sources are configured.
        var reconciliation = true

        var description: String { "\(method) \(uri)\(body.map { " " + $0 } ?? "")" }
    }

    static let calls: [Call] = [
        // First, so that later answers show acknowledged events.
        Call(method: .post, uri: "/api/v1/events/1/ack", body: #"{"by":"alice","comment":"seen"}"#, status: .ok),
        Call(method: .post, uri: "/api/v1/events/ack?object=client", body: #"{"until":1800000000}"#, status: .ok),
        Call(method: .post, uri: "/api/v1/events/ack", status: .ok),
        Call(method: .get, uri: "/api/v1/targets", status: .ok),
        Call(method: .get, uri: "/api/v1/polls", status: .ok),
        Call(method: .get, uri: "/api/v1/polls?target=web02&since=1d&until=1800000000&limit=1", status: .ok),
        Call(method: .get, uri: "/api/v1/events?include_baseline=true&limit=2", status: .ok),
        Call(method: .get, uri: "/api/v1/events?limit=0&include_baseline=true", status: .ok),
        Call(method: .get, uri: "/api/v1/events?acknowledged=true", status: .ok),
        Call(method: .get, uri: "/api/v1/events?object=domain&change=removed&since=2027-01-15T08:00:00Z", status: .ok),
        Call(method: .get, uri: "/api/v1/events?limit=99999999999999999999999&after=3", status: .ok),
        Call(method: .get, uri: "/api/v1/inventory", status: .ok),
        Call(method: .get, uri: "/api/v1/inventory?at=2027-01-15T08:01:30Z&target=web01&object=client", status: .ok),
        Call(method: .get, uri: "/api/v1/history", status: .ok),
        Call(method: .get, uri: "/api/v1/history?step=60&since=1h", status: .ok),
        Call(method: .get, uri: "/api/v1/report", status: .ok),
        Call(method: .get, uri: "/api/v1/report?format=json&target=web01&target=web02", status: .ok),
        Call(method: .get, uri: "/api/v1/report?format=markdown", status: .ok),
        Call(method: .get, uri: "/api/v1/report?format=csv", status: .ok),
        Call(method: .get, uri: "/api/v1/report?format=HTML&since=2027-01-15T08:00:00Z", status: .ok),
        Call(method: .get, uri: "/api/v1/openapi.json", status: .ok),
        Call(method: .post, uri: "/api/v1/reconciliation/1/ack", body: #"{"by":"ops","comment":"test"}"#, status: .ok),
        Call(method: .get, uri: "/api/v1/reconciliation", status: .ok),
        Call(method: .get, uri: "/api/v1/reconciliation?target=web01&kind=unbilled&since=1d&until=1800000000", status: .ok),
        // Errors.
        Call(method: .get, uri: "/api/v1/reconciliation?kind=unpaid", status: .badRequest),
        Call(method: .get, uri: "/api/v1/reconciliation", status: .notFound, reconciliation: false),
        Call(method: .post, uri: "/api/v1/reconciliation/x/ack", status: .badRequest),
        Call(method: .post, uri: "/api/v1/reconciliation/999/ack", status: .notFound),
        Call(method: .post, uri: "/api/v1/reconciliation/1/ack", status: .forbidden, admin: false),
        Call(method: .get, uri: "/api/v1/events?until=yesterday", status: .badRequest),
        Call(method: .get, uri: "/api/v1/events?since=99999999999999", status: .badRequest),
        Call(method: .get, uri: "/api/v1/polls?limit=-1", status: .badRequest),
        Call(method: .get, uri: "/api/v1/inventory?object=mailbox", status: .badRequest),
        Call(method: .get, uri: "/api/v1/history?step=0s", status: .badRequest),
        Call(method: .get, uri: "/api/v1/report?target=nope", status: .badRequest),
        Call(method: .post, uri: "/api/v1/events/x/ack", status: .badRequest),
        Call(method: .post, uri: "/api/v1/events/ack", body: #"{"until":true}"#, status: .badRequest),
        Call(method: .post, uri: "/api/v1/events/ack", body: #"{"until":-5}"#, status: .badRequest),
        Call(method: .post, uri: "/api/v1/events/1/ack", body: "[1]", status: .badRequest),
        Call(method: .post, uri: "/api/v1/events/1/ack", body: String(repeating: " ", count: 70_000), status: .contentTooLarge),
        Call(method: .post, uri: "/api/v1/events/999999/ack", status: .notFound),
        Call(method: .post, uri: "/api/v1/events/1/ack", status: .forbidden, admin: false),
        Call(method: .post, uri: "/api/v1/events/ack", status: .forbidden, admin: false),
        Call(method: .put, uri: "/api/v1/targets", status: .methodNotAllowed),
        Call(method: .delete, uri: "/api/v1/openapi.json", status: .methodNotAllowed),
        Call(method: .get, uri: "/api/v1/events/ack", status: .methodNotAllowed),
        Call(method: .options, uri: "/api/v1/events/7/ack", status: .methodNotAllowed),
        Call(method: .get, uri: "/api/v1/nope", status: .notFound),
        Call(method: .get, uri: "/api/v1/events/1", status: .notFound),
    ]

    /// Baselines of web01 and web02; web01 renames a domain, adds one and enables a client; web02 fails a poll;
    /// web01 loses two of its four domains (held by the removal guard).
    func populatedHarness() async throws -> Harness {
        let harness = try await Harness.changed()
        harness.source("web02").update { $0.failDomains = .http }
        try await harness.poll("web02")
        harness.source().update { $0.domains.removeLast(2) }
        try await harness.poll()
        // Findings of reconciliation: one closed, two open (one fleet-wide), a source read.
        let findings = try #require(harness.store as? any ReconciliationStore)
        _ = try await findings.applyFindings(
            [
                Finding(kind: .unbilled, target: "web01", subscription: "alpha.example", actual: "active"),
                Finding(kind: .planMismatch, target: "web02", subscription: "b.example", source: "billing", ref: "7", expected: "Basic", actual: "Pro"),
            ],
            scope: ["web01", "web02", ""], at: harness.clock.now())
        _ = try await findings.applyFindings(
            [
                Finding(kind: .unbilled, target: "web01", subscription: "alpha.example", actual: "active"),
                Finding(kind: .missing, target: "", subscription: "c.example", source: "billing", expected: "active"),
            ],
            scope: ["web01", "web02", ""], at: harness.clock.now().addingTimeInterval(30))
        try await findings.recordExpectedSource(
            ExpectedSourceState(name: "billing", up: true, rows: 3, lastSuccessAt: harness.clock.now()))
        return harness
    }

    @Test("every response matches the document: status, content type and body schema")
    func responsesConform() async throws {
        let harness = try await populatedHarness()
        let validator = SchemaValidator(document: try Self.document())
        var answered: Set<String> = []
        for call in Self.calls {
            let web = WebSettings(enableAdminAPI: call.admin)
            let response = try await harness.application(web: web, reconciliation: call.reconciliation).test(.router) {
                client in
                try await client.execute(
                    uri: call.uri, method: call.method, headers: [.contentType: "application/json"],
                    body: call.body.map { ByteBuffer(string: $0) })
            }
            #expect(response.status == call.status, "\(call): \(response.text.prefix(300))")
            let problems = Self.problems(response, call: call, validator: validator)
            #expect(problems.isEmpty, "\(call): \(problems.prefix(10))")
            if let operation = Self.operation(call, validator.document) { answered.insert("\(operation) \(call.status.code)") }
        }
        // Every documented operation and status was seen at least once (413 and 405 are operation-independent).
        let documented = Self.documentedStatuses(validator.document).filter { !$0.hasSuffix(" 405") && !$0.hasSuffix(" 413") }
        #expect(documented.subtracting(answered).isEmpty, "never exercised: \(documented.subtracting(answered).sorted())")
    }

    /// Why a response does not match the document (empty when it does).
    static func problems(_ response: TestResponse, call: Call, validator: SchemaValidator) -> [String] {
        let contentType = response.headers[.contentType] ?? ""
        let mediaType = String(contentType.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces)
        let schema: JSONAny
        if let operation = operation(call, validator.document) {
            guard case .object(let responses)? = member(validator.document, operation + ["responses"]),
                var entry = responses[String(call.status.code)]
            else { return ["status \(call.status.code) is not documented"] }
            if case .object(let members) = entry, case .string(let reference)? = members["$ref"] {
                entry = validator.resolve(reference) ?? .null
            }
            if call.status == .methodNotAllowed, response.headers[.allow] == nil { return ["405 without Allow"] }
            guard case .object(let content)? = member(entry, ["content"]), let media = content[mediaType],
                let documented = member(media, ["schema"])
            else { return ["content type \(contentType) is not documented for \(call.status.code)"] }
            schema = documented
        } else {
            // Unknown paths: the error envelope.
            guard call.status == .notFound, mediaType == "application/json" else { return ["undocumented path"] }
            schema = .object(["$ref": .string("#/components/schemas/Error")])
        }
        guard mediaType == "application/json" else {
            return validator.errors(.string(response.text), schema)
        }
        guard let body = try? JSONDecoder().decode(JSONAny.self, from: Data(response.body.readableBytesView)) else {
            return ["the body is not JSON: \(response.text.prefix(100))"]
        }
        return validator.errors(body, schema)
    }

    /// The pointer to the call's operation in the document (`paths`, template, method), or nil for no such path.
    static func operation(_ call: Call, _ document: JSONAny) -> [String]? {
        guard case .object(let paths)? = member(document, ["paths"]) else { return nil }
        let path = String(call.uri.split(separator: "?", maxSplits: 1).first ?? "")
        let segments = path.split(separator: "/")
        guard
            let template = paths.keys.first(where: { template in
                let parts = template.split(separator: "/")
                return parts.count == segments.count
                    && zip(parts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            })
        else { return nil }
        // A 405 is documented on the path's own operation.
        guard case .object(let operations)? = paths[template] else { return nil }
        let method = call.method.rawValue.lowercased()
        let key = operations[method] != nil ? method : operations.keys.sorted().first ?? method
        return ["paths", template, key]
    }

    static func documentedStatuses(_ document: JSONAny) -> Set<String> {
        guard case .object(let paths)? = member(document, ["paths"]) else { return [] }
        var result: Set<String> = []
        for (template, operations) in paths {
            guard case .object(let methods) = operations else { continue }
            for (method, operation) in methods {
                guard case .object(let responses)? = member(operation, ["responses"]) else { continue }
                for status in responses.keys { result.insert("\(["paths", template, method]) \(status)") }
            }
        }
        return result
    }

    static func member(_ node: JSONAny, _ path: [String]) -> JSONAny? {
        var node = node
        for key in path {
            guard case .object(let members) = node, let next = members[key] else { return nil }
            node = next
        }
        return node
    }
}
