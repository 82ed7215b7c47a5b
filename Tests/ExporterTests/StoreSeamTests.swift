import Foundation
import HTTPTypes
import Testing

@testable import Exporter

/// The HTTP API depends on the store's seams (``HistoryReader``, ``EventAcknowledger``), not on SQLite: the same
/// scenario over TestSupport's in-memory store answers every endpoint with the same bytes as over the SQLite store.
@Suite("The HTTP API over the store seams")
struct StoreSeamTests {
    static let reads = [
        "/api/v1/targets", "/api/v1/polls", "/api/v1/polls?target=web02&limit=1", "/api/v1/events",
        "/api/v1/events?include_baseline=true&limit=3", "/api/v1/events?object=client&change=modified",
        "/api/v1/events?acknowledged=false&target=web01", "/api/v1/inventory", "/api/v1/inventory?target=web01&object=domain",
        "/api/v1/history?since=1h&step=60", "/api/v1/report?format=json", "/metrics", "/",
    ]

    @Test("every read answers the same over the in-memory store as over SQLite, before and after acknowledging")
    func sameAnswers() async throws {
        let sqlite = try await Harness.changed()
        let memory = try await Harness.changed(inMemory: true)
        try await expectSameAnswers(sqlite, memory)

        let web = WebSettings(enableAdminAPI: true)
        for harness in [sqlite, memory] {
            let one = try await harness.request(
                "/api/v1/events/4/ack", method: .post, body: #"{"by":"ops","comment":"seen"}"#, web: web)
            #expect(one.status == .ok)
            let rest = try await harness.request(
                "/api/v1/events/ack", method: .post, body: #"{"target":"web01","by":"ops"}"#, web: web)
            #expect(rest.status == .ok)
        }
        try await expectSameAnswers(sqlite, memory)
    }

    /// The samples that come from the store, sorted: timings and the process's own figures differ between any two
    /// runs, and the exporter's own instrumentation is rendered in its registry's order.
    static func comparable(_ body: String, uri: String) -> String {
        guard uri == "/metrics" else { return body }
        return body.split(separator: "\n").filter { line in
            !line.hasPrefix("#") && !line.hasPrefix("process_") && !line.contains("duration")
                && !line.hasPrefix("plesk_exporter_")
        }.sorted().joined(separator: "\n")
    }

    private func expectSameAnswers(_ sqlite: Harness, _ memory: Harness) async throws {
        for uri in Self.reads {
            let expected = try await sqlite.request(uri)
            let answered = try await memory.request(uri)
            #expect(expected.status == .ok, "\(uri)")
            #expect(answered.status == expected.status, "\(uri)")
            let expectedBody = Self.comparable(String(buffer: expected.body), uri: uri)
            let answeredBody = Self.comparable(String(buffer: answered.body), uri: uri)
            if answeredBody != expectedBody {
                let expectedLines = expectedBody.split(separator: "\n")
                let answeredLines = answeredBody.split(separator: "\n")
                let firstDifference = zip(expectedLines, answeredLines).first { $0 != $1 }
                Issue.record("\(uri) differs: \(firstDifference.map { "\($0.0) ≠ \($0.1)" } ?? "in length")")
            }
        }
    }
}
