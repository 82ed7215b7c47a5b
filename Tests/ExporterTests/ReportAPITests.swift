import Foundation
import HummingbirdTesting
import Testing

@testable import Exporter

/// `GET /api/v1/report`: the report of `plesk_exporter report` over HTTP.
@Suite("JSON API /api/v1/report")
struct ReportAPITests {
    @Test("JSON by default, in the envelope: the last 7 days of every target")
    func json() async throws {
        let harness = try await Harness.changed()
        let response = try await harness.request("/api/v1/report")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        let data = try response.data(JSONObject.self)
        #expect(
            data["period"]
                == .object([
                    "start": .string("2027-01-08T08:03:00Z"), "end": .string("2027-01-15T08:03:00Z"),
                    "seconds": .number(604_800),
                ]))
        guard case .array(let targets)? = data["targets"], case .object(let web01)? = targets.first else {
            Issue.record("no targets in \(response.text.prefix(300))")
            return
        }
        #expect(targets.count == 2)
        #expect(web01["target"] == .string("web01"))
        guard case .array(let changes)? = web01["changes"] else {
            Issue.record("no changes")
            return
        }
        let names = changes.compactMap { change -> String? in
            if case .object(let fields) = change, case .string(let name)? = fields["name"] { return name }
            return nil
        }
        #expect(names.sorted() == ["bob", "delta.example", "renamed.example"])
        guard case .object(let baseline)? = web01["baseline"] else {
            Issue.record("no baseline")
            return
        }
        #expect(baseline["domains"] == .number(3))
        // Same as the markdown's facts: the first byte to the last, stable.
        #expect(try await harness.request("/api/v1/report").text == response.text)
    }

    @Test("markdown, csv and html: the raw document with its content type")
    func rawFormats() async throws {
        let harness = try await Harness.changed()
        let markdown = try await harness.request("/api/v1/report?format=markdown&target=web01")
        #expect(markdown.status == .ok)
        #expect(markdown.headers[.contentType] == "text/markdown; charset=utf-8")
        #expect(markdown.text.hasPrefix("# Plesk inventory report"))
        #expect(markdown.text.contains("Targets: web01\n"))
        #expect(markdown.text.contains("alpha.example → renamed.example"))
        #expect(markdown.text.contains("delta.example"))

        let csv = try await harness.request("/api/v1/report?format=csv&target=web01&target=web02")
        #expect(csv.headers[.contentType] == "text/csv; charset=utf-8; header=present")
        let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 4)
        #expect(
            lines[0].hasSuffix(
                "target,at,object,change,name,key,changed_fields,before,after,acknowledged_by,acknowledge_comment"))

        let html = try await harness.request("/api/v1/report?format=html&since=1h")
        #expect(html.headers[.contentType] == "text/html; charset=utf-8")
        #expect(html.text.hasPrefix("<!DOCTYPE html>"))
        #expect(html.text.contains("<svg "))
        #expect(!html.text.contains("http://") && !html.text.contains("https://"))
    }

    @Test(
        "bad input answers 400 bad_data saying what is wrong",
        arguments: [
            ("format=pdf", "invalid parameter 'format': unknown report format 'pdf'"),
            ("since=2027-01-15T09:00:00Z&until=2027-01-15T08:00:00Z", "starts after it ends"),
            ("since=2027-01-15T08:00:00Z&until=2027-01-15T08:00:00Z", "the report period is empty"),
            ("target=web01&target=nope", "unknown target 'nope': the database knows web01, web02"),
            ("since=2026-01-01T00:00:00Z&until=2026-01-08T00:00:00Z", "the first poll was at 2027-01-15T08:01:00Z"),
            ("until=yesterday", "invalid parameter 'until'"),
        ])
    func badInput(query: String, message: String) async throws {
        let harness = try await Harness.changed()
        let response = try await harness.request("/api/v1/report?" + query)
        #expect(response.status == .badRequest, "\(query): \(response.text)")
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        let envelope = try response.envelope(JSONAny.self)
        #expect(envelope.status == "error")
        #expect(envelope.errorType == "bad_data")
        #expect(envelope.error?.contains(message) == true, "\(envelope.error ?? "")")
    }
}
