import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import Exporter

/// SPEC §7: `/metrics` is gzip-compressed for scrapers that ask for it, plain otherwise; the inventory part is
/// rendered once per status change.
@Suite("GET /metrics: gzip and the rendering cache")
struct MetricsCompressionTests {
    private func scrape(_ harness: Harness, acceptEncoding: String?) async throws -> (
        encoding: String?, vary: String?, body: [UInt8]
    ) {
        try await harness.application().test(.router) { client in
            var headers = HTTPFields()
            if let acceptEncoding { headers[.acceptEncoding] = acceptEncoding }
            let response = try await client.execute(uri: "/metrics", method: .get, headers: headers)
            #expect(response.status == .ok)
            return (response.headers[.contentEncoding], response.headers[.vary], Array(buffer: response.body))
        }
    }

    /// The body without the lines that change by themselves between two scrapes (process CPU, memory, fds).
    private func stable(_ bytes: [UInt8]) -> [Substring] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("process_") }
    }

    @Test("Accept-Encoding: gzip gets one valid gzip member with the same metrics as plain text")
    func gzipMatchesPlain() async throws {
        let harness = try await Harness()
        try await harness.pollAll()
        let plain = try await scrape(harness, acceptEncoding: nil)
        #expect(plain.encoding == nil)
        #expect(plain.vary == "Accept-Encoding")
        // As Prometheus sends it.
        let zipped = try await scrape(harness, acceptEncoding: "gzip")
        #expect(zipped.encoding == "gzip")
        let inflated = try #require(gunzip(zipped.body), "not a valid gzip member (header, CRC-32 or length)")
        #expect(stable(inflated) == stable(plain.body))
        #expect(zipped.body.count * 3 < plain.body.count, "\(zipped.body.count) vs \(plain.body.count) bytes")
        let text = String(decoding: inflated, as: UTF8.self)
        #expect(text.contains("plesk_up{target=\"web02\"} 1"))
        #expect(text.contains("process_resident_memory_bytes "))
    }

    @Test("gzip is honoured as negotiated", arguments: [
        ("gzip, deflate, br", true), ("br;q=1.0, gzip;q=0.8, *;q=0.1", true), ("*", true), ("identity", false),
        ("gzip;q=0", false), ("deflate", false), ("GZIP", true), ("x-gzip", true), ("*;q=0", false),
    ])
    func negotiation(header: String, gzip: Bool) async throws {
        let harness = try await Harness()
        let response = try await scrape(harness, acceptEncoding: header)
        #expect((response.encoding == "gzip") == gzip)
        if gzip { #expect(gunzip(response.body) != nil) }
    }

    @Test("the inventory part is reused between polls and re-rendered after one")
    func cacheFollowsTheStatus() async throws {
        let harness = try await Harness()
        try await harness.pollAll()
        let cache = MetricsCache()
        let first = await cache.inventory(from: harness.status)
        let second = await cache.inventory(from: harness.status)
        #expect(first.generation == second.generation)
        #expect(first.plain == second.plain)
        harness.source("web02").update { $0.domains.append(.make(9, "new.example")) }
        _ = try await harness.poll("web02")
        let third = await cache.inventory(from: harness.status)
        #expect(third.generation != first.generation)
        #expect(third.plain != first.plain)
        #expect(String(decoding: third.plain, as: UTF8.self).contains("plesk_inventory_changes_total{target=\"web02\",object=\"domain\",change=\"added\"} 1"))
    }

    @Test("the instrumentation part is reused until a poll or a Plesk request changes it")
    func instrumentationCacheFollowsTheTelemetry() async throws {
        let harness = try await Harness()
        let cache = MetricsCache()
        let first = cache.instrumentation(from: harness.telemetry)
        #expect(cache.instrumentation(from: harness.telemetry).generation == first.generation)
        harness.telemetry.observeRequest(target: "web02", endpoint: .domains, duration: .milliseconds(12))
        let second = cache.instrumentation(from: harness.telemetry)
        #expect(second.generation != first.generation)
        #expect(String(decoding: second.plain, as: UTF8.self).contains("endpoint=\"domains\""))
    }
}
