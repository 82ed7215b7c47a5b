import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Exporter

/// What schemathesis (scripts/check-openapi) found in the API, each kept fixed.
@Suite("JSON API: fuzzing findings")
struct APIFuzzingRegressionTests {
    static let admin = WebSettings(enableAdminAPI: true)

    func expectBadData(_ response: TestResponse, _ what: String) throws {
        #expect(response.status == .badRequest, "\(what): \(response.text)")
        #expect(try response.envelope(JSONAny.self).errorType == "bad_data", "\(what)")
    }

    @Test("a malformed `until` query parameter is a 400 even when the body's `until` wins")
    func acknowledgeQueryUntilChecked() async throws {
        let harness = try await Harness()
        try await harness.pollAll()
        let response = try await harness.request("/api/v1/events/ack?until=AAA", method: .post, body: #"{"until": 0}"#, web: Self.admin)
        try expectBadData(response, "until=AAA")
        let valid = try await harness.request("/api/v1/events/ack?until=1d", method: .post, body: #"{"until": 0}"#, web: Self.admin)
        #expect(valid.status == .ok, "\(valid.text)")
    }

    @Test("a report ending in year 9999 is a 400, not a gigabyte page built for minutes")
    func reportFarFuture() async throws {
        let harness = try await Harness()
        try await harness.pollAll()
        for format in ["json", "html"] {
            let response = try await harness.request("/api/v1/report?since=0&until=253402300799&format=\(format)", web: Self.admin)
            try expectBadData(response, format)
            #expect(response.text.contains("366 days"))
        }
        // Up to a year ahead still works (a report of "this year" made in December).
        let nextMonth = try await harness.request("/api/v1/report?since=1d&until=2027-02-15T00:00:00Z&format=html", web: Self.admin)
        #expect(nextMonth.status == .ok, "\(nextMonth.text.prefix(200))")
    }

    @Test(
        "times that RFC 3339 cannot write back (after 9999, before 1970) are a 400",
        arguments: [
            "/api/v1/events?since=99999999999999", "/api/v1/polls?until=253402300800", "/api/v1/inventory?at=-1",
            "/api/v1/history?until=1e300", "/api/v1/report?since=0001-01-01T00:00:00Z",
            // Spellings outside the documented ones (Double would read them): exponents, signs, hex floats.
            "/api/v1/inventory?at=-2.6703444962830643e-195", "/api/v1/polls?since=1e9", "/api/v1/polls?since=%2B5",
            "/api/v1/events?until=0x1p30", "/api/v1/events?since=.5",
        ])
    func timesOutOfRange(uri: String) async throws {
        let harness = try await Harness()
        try expectBadData(try await harness.request(uri, web: Self.admin), uri)
    }

    @Test("the body's `until` out of range is a 400")
    func acknowledgeBodyUntilOutOfRange() async throws {
        let harness = try await Harness()
        for body in [
            #"{"until": 253402300800}"#, #"{"until": -1}"#, #"{"until": "99999999999999"}"#,
            #"{"until": -1.1754943508222875e-38}"#, #"{"until": "1e9"}"#,
        ] {
            try expectBadData(try await harness.request("/api/v1/events/ack", method: .post, body: body, web: Self.admin), body)
        }
    }

    @Test("the documented time spellings are accepted, with any number of fraction digits")
    func timeSpellings() async throws {
        let harness = try await Harness()
        try await harness.pollAll()
        for value in [
            "0.5328196401788421", "1800000000", "2027-01-15T08:00:00Z", "2027-01-15t08:00:00.250z",
            "2027-01-15T09:00:00%2B01:00", "1h30m", "0",
        ] {
            let response = try await harness.request("/api/v1/polls?since=\(value)", web: Self.admin)
            #expect(response.status == .ok, "\(value): \(response.text.prefix(200))")
        }
    }

    @Test("a limit beyond Int64 is clamped like any large limit, not a 400")
    func hugeLimit() async throws {
        let harness = try await Harness()
        try await harness.pollAll()
        for uri in ["/api/v1/events?include_baseline=true&limit=99999999999999999999999", "/api/v1/polls?limit=9223372036854775808"] {
            let response = try await harness.request(uri, web: Self.admin)
            #expect(response.status == .ok, "\(uri): \(response.text.prefix(200))")
        }
    }

    @Test("a known API path with another method is a 405 with Allow; unknown paths stay 404")
    func methodNotAllowed() async throws {
        let harness = try await Harness(seed: false)
        let cases: [(HTTPRequest.Method, String, String)] = [
            (.put, "/api/v1/targets", "GET, HEAD"), (.post, "/api/v1/events", "GET, HEAD"),
            (.get, "/api/v1/events/ack", "POST"), (.delete, "/api/v1/events/12/ack", "POST"),
            (.patch, "/api/v1/openapi.json", "GET, HEAD"), (.options, "/api/v1/report", "GET, HEAD"),
        ]
        for (method, uri, allow) in cases {
            let response = try await harness.request(uri, method: method, web: Self.admin)
            #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
            #expect(response.headers[.allow] == allow, "\(method) \(uri)")
            #expect(try response.envelope(JSONAny.self).errorType == "bad_data")
        }
        for uri in ["/api/v1/events/12", "/api/v1/events/1/ack/x", "/api/v1", "/api/v2/targets"] {
            #expect(try await harness.request(uri, method: .put, web: Self.admin).status == .notFound, "\(uri)")
        }
    }
}
