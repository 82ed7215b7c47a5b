import TestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import InventoryModel
import Testing

@testable import Exporter

@Suite("Admin API: acknowledging events")
struct AdminAPITests {
    static let admin = WebSettings(enableAdminAPI: true)

    /// Baselines, then three changes on web01 (ids of the non-baseline events returned).
    func changedHarness() async throws -> (Harness, [Int64]) {
        let harness = try await Harness()
        try await harness.pollAll()
        harness.source().update {
            $0.domains.append(.make(4, "delta.example"))
            $0.domains.append(.make(5, "epsilon.example"))
            $0.clients[2].status = 0
        }
        let report = try await harness.poll()
        return (harness, report.events.map(\.id))
    }

    func post(
        _ harness: Harness, _ uri: String, body: String? = nil, web: WebSettings = admin
    ) async throws -> TestResponse {
        try await harness.application(web: web).test(.router) { client in
            try await client.execute(
                uri: uri, method: .post, headers: [.contentType: "application/json"],
                body: body.map { ByteBuffer(string: $0) })
        }
    }

    @Test("without --web.enable-admin-api both endpoints answer 403 and change nothing")
    func disabled() async throws {
        let (harness, ids) = try await changedHarness()
        for uri in ["/api/v1/events/\(ids[0])/ack", "/api/v1/events/ack"] {
            let response = try await post(harness, uri, body: #"{"by":"alice"}"#, web: WebSettings())
            #expect(response.status == .forbidden)
            let envelope = try response.envelope(JSONAny.self)
            #expect(envelope.status == "error")
            #expect(envelope.errorType == "unavailable")
            #expect(envelope.error?.contains("--web.enable-admin-api") == true)
        }
        let event = try #require(try await harness.store.event(id: ids[0]))
        #expect(!event.acknowledged)
    }

    @Test("acknowledging one event returns it and updates plesk_unacknowledged_changes")
    func acknowledgeOne() async throws {
        let (harness, ids) = try await changedHarness()
        let delta = try #require(try await harness.store.events(EventQuery(key: "dom-4")).first)
        let response = try await post(
            harness, "/api/v1/events/\(delta.id)/ack", body: #"{"by":"alice","comment":"expected migration"}"#)
        #expect(response.status == .ok, "\(response.text)")
        let result = try response.data(AcknowledgeDTO.self)
        #expect(result.acknowledged == 1)
        let event = try #require(result.event)
        #expect(event.id == delta.id)
        #expect(event.acknowledged)
        #expect(event.acknowledgedBy == "alice")
        #expect(event.acknowledgeComment == "expected migration")
        #expect(event.acknowledgedAt == TimeParameter.format(harness.clock.now()))

        let again = try await post(harness, "/api/v1/events/\(delta.id)/ack", body: #"{"by":"bob"}"#)
        #expect(try again.data(AcknowledgeDTO.self).acknowledged == 0)
        #expect(try again.data(AcknowledgeDTO.self).event?.acknowledgedBy == "alice")

        let metrics = try Exposition(
            String(decoding: MetricsExposition.render(await harness.status.snapshot(), telemetry: nil), as: UTF8.self))
        #expect(
            metrics.value("plesk_unacknowledged_changes", ["target": "web01", "object": "domain", "change": "added"])
                == 1)
        #expect(
            metrics.value("plesk_inventory_changes_total", ["target": "web01", "object": "domain", "change": "added"])
                == 2)
        #expect(ids.count == 3)

        // An empty body is fine: "by" defaults to "api".
        let other = try #require(try await harness.store.events(EventQuery(key: "dom-5")).first)
        let anonymous = try await post(harness, "/api/v1/events/\(other.id)/ack")
        #expect(try anonymous.data(AcknowledgeDTO.self).event?.acknowledgedBy == "api")
    }

    @Test("acknowledging many: by target and until, body or query")
    func acknowledgeMatching() async throws {
        let (harness, _) = try await changedHarness()
        // web01's baseline came at 08:01, web02's at 08:02, web01's changes at 08:03.
        let baseline = try await post(
            harness, "/api/v1/events/ack", body: #"{"by":"ops","target":"web01","until":"2027-01-15T08:02:30Z"}"#)
        // Baseline events are born acknowledged, so there is nothing of web01 before its changes to acknowledge.
        #expect(try baseline.data(AcknowledgeDTO.self).acknowledged == 0)
        let someTarget = try await post(harness, "/api/v1/events/ack?target=web02", body: #"{"by":"ops"}"#)
        #expect(try someTarget.data(AcknowledgeDTO.self).acknowledged == 0)  // web02 has only its baseline
        let all = try await post(
            harness, "/api/v1/events/ack",
            body: #"{"by":"ops","comment":"weekly review","target":"web01","until":1800000300}"#)
        let result = try all.data(AcknowledgeDTO.self)
        #expect(result.acknowledged == 3)
        #expect(result.event == nil)
        let open = try await harness.store.events(EventQuery(acknowledged: false))
        #expect(open.isEmpty)
        let snapshot = await harness.status.snapshot()
        #expect(snapshot.tallies.allSatisfy { $0.unacknowledged == 0 })
    }

    @Test("bad ids, unknown ids and bad bodies")
    func errors() async throws {
        let (harness, _) = try await changedHarness()
        let cases: [(uri: String, body: String?, status: HTTPResponse.Status, type: String)] = [
            ("/api/v1/events/abc/ack", nil, .badRequest, "bad_data"),
            ("/api/v1/events/-1/ack", nil, .badRequest, "bad_data"),
            ("/api/v1/events/999999/ack", nil, .notFound, "not_found"),
            ("/api/v1/events/1/ack", "{not json", .badRequest, "bad_data"),
            ("/api/v1/events/1/ack", #"["by"]"#, .badRequest, "bad_data"),
            ("/api/v1/events/ack", #"{"until":"someday"}"#, .badRequest, "bad_data"),
            ("/api/v1/events/ack", #"{"until":true}"#, .badRequest, "bad_data"),
            ("/api/v1/events/ack?until=nope", nil, .badRequest, "bad_data"),
        ]
        for item in cases {
            let response = try await post(harness, item.uri, body: item.body)
            #expect(response.status == item.status, "\(item.uri) \(item.body ?? ""): \(response.text)")
            let envelope = try response.envelope(JSONAny.self)
            #expect(envelope.errorType == item.type, "\(item.uri)")
        }
        #expect(try await harness.store.events(EventQuery(acknowledged: true, includeBaseline: false)).isEmpty)
        let tooLarge = try await post(
            harness, "/api/v1/events/1/ack", body: #"{"by":""# + String(repeating: "x", count: 100_000) + #""}"#)
        #expect(tooLarge.status == .contentTooLarge)
        #expect(try tooLarge.envelope(JSONAny.self).errorType == "bad_data")
    }
}
