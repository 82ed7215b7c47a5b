import TestSupport
import HummingbirdTesting
import Testing

@testable import Exporter

@Suite("GET / (landing page)")
struct LandingPageTests {
    func page(_ harness: Harness) async throws -> TestResponse {
        try await harness.application().test(.router) { client in try await client.execute(uri: "/", method: .get) }
    }

    @Test("renders targets with health, counts and the latest changes, and links")
    func renders() async throws {
        let harness = try await Harness()
        try await harness.poll("web01")
        harness.source("web02").update { $0.failDomains = .auth }
        try await harness.poll("web02")
        harness.source().update { $0.domains.append(.make(4, "delta.example")) }
        try await harness.poll("web01")
        let response = try await page(harness)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        let html = response.text
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<strong>web01</strong>"))
        #expect(html.contains("<strong>web02</strong>"))
        #expect(html.contains(#"<span class="badge up">up</span>"#))
        #expect(html.contains(#"<span class="badge down">down</span>"#))
        #expect(html.contains("last poll failed (auth)"))
        #expect(html.contains("datacenter=fra1"))
        #expect(html.contains("https://web01.example.com:8443"))
        #expect(html.contains("delta.example"))
        #expect(html.contains(#"href="/metrics""#))
        #expect(html.contains(#"href="/api/v1/targets""#))
        #expect(html.contains(#"href="/api/v1/report?format=html""#))
        #expect(html.contains("<style>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("//cdn"))
        // Baseline events are not "changes".
        #expect(!html.contains(">alpha.example<"))
    }

    @Test("shows at most the 20 newest changes, newest first")
    func latestTwenty() async throws {
        let harness = try await Harness()
        try await harness.poll()
        for id in 10..<35 {
            harness.source().update { $0.domains.append(.make(id, "new\(id).example")) }
            try await harness.poll()
        }
        let html = try await page(harness).text
        #expect(html.contains(">new34.example<"))
        #expect(html.contains(">new15.example<"))
        #expect(!html.contains(">new14.example<"))
        let newest = try #require(html.range(of: ">new34.example<"))
        let older = try #require(html.range(of: ">new20.example<"))
        #expect(newest.lowerBound < older.lowerBound)
        let latest = try await harness.store.latestEvents(limit: 3)
        #expect(latest.map(\.name) == ["new34.example", "new33.example", "new32.example"])
        #expect(latest.allSatisfy { !$0.baseline })
    }

    @Test("every string is escaped")
    func escapes() async throws {
        let harness = try await Harness(targets: [("<script>alert(1)</script>", ["note": #"x" onmouseover="y"#])])
        let target = "<script>alert(1)</script>"
        try await harness.poll(target)
        harness.source(target).update { $0.domains.append(.make(9, "<img src=x onerror=alert(2)>.example")) }
        try await harness.poll(target)
        let html = try await page(harness).text
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains(#"" onmouseover=""#))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;.example"))
        #expect(html.contains("x&quot; onmouseover=&quot;y"))
    }

    @Test("an empty store renders placeholders")
    func empty() async throws {
        let harness = try await Harness()
        let html = try await page(harness).text
        #expect(html.contains("No changes recorded yet"))
        #expect(html.contains(#"<span class="badge pending">pending</span>"#))
    }
}
