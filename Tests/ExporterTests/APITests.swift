import TestSupport
import Foundation
import HummingbirdTesting
import PleskAPI
import InventoryModel
import Testing

@testable import Exporter

/// The JSON API: every endpoint's envelope and data, and every bad parameter.
@Suite("JSON API /api/v1")
struct APITests {
    // MARK: targets

    @Test("targets: name, url without credentials, labels, up, times, last error, counts")
    func targets() async throws {
        let harness = try await Harness()
        try await harness.poll("web01")
        harness.source("web02").update { $0.failDomains = .http }
        try await harness.poll("web02")
        let response = try await harness.request("/api/v1/targets")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        let targets = try response.data([TargetDTO].self)
        #expect(targets.map(\.name) == ["web01", "web02"])
        let web01 = targets[0]
        #expect(web01.url == "https://web01.example.com:8443")
        #expect(web01.labels == ["datacenter": "fra1", "tier": "gold"])
        #expect(web01.up)
        #expect(web01.lastPoll == "2027-01-15T08:01:00Z")
        #expect(web01.lastSuccess == "2027-01-15T08:01:00Z")
        #expect(web01.lastError == nil)
        #expect(web01.baselineAt == "2027-01-15T08:01:00Z")
        let counts = try #require(web01.counts)
        #expect(counts.domains == 3)
        #expect(counts.domainsByHostingType == ["virtual": 2, "none": 1])
        #expect(counts.domainAliases == 2)
        #expect(counts.clients == 4)
        #expect(counts.clientsByAccountType["customer"] == ["active": 1, "disabled": 1])
        #expect(web01.heldRemovals == HeldRemovalsDTO(domain: 0, client: 0))
        #expect(web01.server?.hostname == "fake.example")
        #expect(web01.unacknowledgedChanges == 0)

        let web02 = targets[1]
        #expect(!web02.up)
        #expect(web02.lastSuccess == nil)
        #expect(web02.lastError?.reason == "http")
        #expect(web02.lastError?.message.contains("injected failure") == true)
        #expect(web02.counts == nil)

        // Absent values are explicit nulls, so every target has the same keys.
        let raw = try response.data([JSONObject].self)
        #expect(raw[1]["last_success"] == .null)
        #expect(raw[1]["counts"] == .null)
        #expect(Set(raw[0].keys) == Set(raw[1].keys))
        #expect(!response.text.contains(Harness.apiKey))
    }

    @Test("JSON keys come out sorted")
    func sortedKeys() async throws {
        let harness = try await Harness.changed()
        for uri in ["/api/v1/targets", "/api/v1/events?limit=2", "/api/v1/polls?limit=2", "/api/v1/nope"] {
            let text = try await harness.request(uri).text
            // The envelope's keys in order: data < status, or error < errorType < status.
            #expect(text.hasPrefix(#"{"data":"#) || text.hasPrefix(#"{"error":"#), "\(uri): \(text.prefix(40))")
            #expect(text.hasSuffix(#""status":"success"}"#) || text.hasSuffix(#""status":"error"}"#))
        }
        let events = try await harness.request("/api/v1/events?limit=1").text
        let keys = [
            "acknowledge_comment", "acknowledged", "acknowledged_at", "acknowledged_by", "after", "at", "baseline",
        ]
        let positions = keys.compactMap { events.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }

    // MARK: polls

    @Test("polls: newest first, filtered by target and time, limited")
    func polls() async throws {
        let harness = try await Harness.changed()
        harness.source("web02").update { $0.failDomains = .connect }
        try await harness.poll("web02")
        let all = try await harness.request("/api/v1/polls").data([PollDTO].self)
        #expect(all.count == 4)
        #expect(all.map(\.finishedAt) == all.map(\.finishedAt).sorted(by: >))
        let latest = all[0]
        #expect(latest.target == "web02")
        #expect(latest.result == "failure")
        #expect(latest.error?.reason == "connect")
        #expect(latest.counts == nil)
        let change = try #require(all.first { $0.target == "web01" && !$0.baseline })
        #expect(change.result == "success")
        #expect(change.error == nil)
        #expect(change.eventCount == 3)
        #expect(change.counts?.domains == 4)

        let web01 = try await harness.request("/api/v1/polls?target=web01").data([PollDTO].self)
        #expect(web01.count == 2)
        #expect(web01.allSatisfy { $0.target == "web01" })
        let limited = try await harness.request("/api/v1/polls?limit=1").data([PollDTO].self)
        #expect(limited.count == 1)
        // Clock: polls finished at 08:01, 08:02, 08:03, 08:04.
        let window = try await harness.request("/api/v1/polls?since=2027-01-15T08:02:00Z&until=1800000180").data(
            [PollDTO].self)
        #expect(window.map(\.finishedAt) == ["2027-01-15T08:03:00Z", "2027-01-15T08:02:00Z"])
        // Relative: "2m" before the test clock's now (08:04).
        let recent = try await harness.request("/api/v1/polls?since=90s").data([PollDTO].self)
        #expect(recent.map(\.finishedAt) == ["2027-01-15T08:04:00Z", "2027-01-15T08:03:00Z"])
    }

    // MARK: events

    @Test("events: every field of SPEC §8, filters")
    func events() async throws {
        let harness = try await Harness.changed()
        let page = try await harness.request("/api/v1/events?include_baseline=false").data(EventPageDTO.self)
        #expect(page.nextAfter == nil)
        #expect(
            Set(page.events.map { "\($0.change) \($0.object) \($0.name)" }) == [
                "modified domain renamed.example", "added domain delta.example", "modified client bob",
            ])
        let rename = try #require(page.events.first { $0.name == "renamed.example" })
        #expect(rename.key == "dom-1")
        #expect(rename.target == "web01")
        #expect(rename.changedFields == ["ascii_name", "name"])
        #expect(rename.before == .object(["ascii_name": .string("alpha.example"), "name": .string("alpha.example")]))
        #expect(
            rename.after == .object(["ascii_name": .string("renamed.example"), "name": .string("renamed.example")]))
        #expect(rename.at == "2027-01-15T08:03:00Z")
        #expect(!rename.baseline)
        #expect(!rename.acknowledged)
        #expect(rename.pollID > 0)
        let raw = try await harness.request("/api/v1/events?include_baseline=false&limit=1").data(JSONObject.self)
        guard case .array(let items) = raw["events"], case .object(let event) = items.first else {
            Issue.record("no events array")
            return
        }
        #expect(
            Set(event.keys).isSuperset(of: [
                "id", "target", "object", "change", "key", "name", "at", "poll_id", "baseline", "acknowledged",
                "changed_fields", "before", "after",
            ]))

        let all = try await harness.request("/api/v1/events?limit=1000&include_baseline=true").data(EventPageDTO.self)
        #expect(all.events.count == 14 + 3)  // two baselines of 7 objects, three changes
        #expect(all.events.map(\.id) == all.events.map(\.id).sorted())
        let filtered = try await harness.request("/api/v1/events?target=web01&object=domain&change=added&include_baseline=false"
        )
        .data(EventPageDTO.self)
        #expect(filtered.events.map(\.name) == ["delta.example"])
        let baseline = try await harness.request("/api/v1/events?target=web02&include_baseline=true").data(EventPageDTO.self)
        #expect(baseline.events.count == 7)
        #expect(baseline.events.allSatisfy { $0.baseline })
        // Without include_baseline the baseline is hidden: web02 has had nothing but its baseline.
        #expect(try await harness.request("/api/v1/events?target=web02").data(EventPageDTO.self).events.isEmpty)
        let clients = try await harness.request("/api/v1/events?object=client&change=modified").data(EventPageDTO.self)
        #expect(clients.events.map(\.name) == ["bob"])
        let since = try await harness.request("/api/v1/events?since=2027-01-15T08:02:30Z").data(EventPageDTO.self)
        #expect(since.events.count == 3)
        let until = try await harness.request("/api/v1/events?until=2027-01-15T08:02:30Z&include_baseline=true").data(EventPageDTO.self)
        #expect(until.events.count == 14)
        let unacknowledged = try await harness.request("/api/v1/events?acknowledged=false&include_baseline=false")
            .data(EventPageDTO.self)
        #expect(unacknowledged.events.count == 3)
        // Baseline events are born acknowledged ("baseline"): nobody has to clear them.
        let acknowledged = try await harness.request("/api/v1/events?acknowledged=true&include_baseline=true").data(EventPageDTO.self)
        #expect(acknowledged.events.count == 14)
        #expect(acknowledged.events.allSatisfy { $0.baseline && $0.acknowledgedBy == "baseline" })
        #expect(
            try await harness.request("/api/v1/events?acknowledged=false&include_baseline=true").data(EventPageDTO.self)
                .events.count == 3)
        #expect(try await harness.request("/api/v1/events?target=nosuch").data(EventPageDTO.self).events.isEmpty)
    }

    @Test("events: paging with after and next_after visits every event once")
    func eventPaging() async throws {
        let harness = try await Harness.changed()
        var seen: [Int64] = []
        var after: Int64? = nil
        var pages = 0
        repeat {
            let uri = "/api/v1/events?include_baseline=true&limit=5" + (after.map { "&after=\($0)" } ?? "")
            let page = try await harness.request(uri).data(EventPageDTO.self)
            #expect(page.events.count <= 5)
            seen += page.events.map(\.id)
            after = page.nextAfter
            if let after { #expect(after == page.events.last?.id) }
            pages += 1
        } while after != nil && pages < 10
        #expect(pages == 4)  // 17 events: 5 + 5 + 5 + 2
        #expect(seen.count == 17)
        #expect(Set(seen).count == 17)
        // An exact multiple of the page size ends with next_after null on the last full page.
        let exact = try await harness.request("/api/v1/events?limit=17&include_baseline=true").data(EventPageDTO.self)
        #expect(exact.events.count == 17)
        #expect(exact.nextAfter == nil)
    }

    @Test("limits: default 100, larger values clamped to 1000, 0 means 1000")
    func limitClamping() async throws {
        let harness = try await Harness(targets: [("big", [:])], seed: false)
        harness.source("big").update { $0.domains = (1...1100).map { PleskDomain.make($0, "d\($0).example") } }
        try await harness.poll("big")
        let defaultPage = try await harness.request("/api/v1/events?include_baseline=true").data(EventPageDTO.self)
        #expect(defaultPage.events.count == 100)
        #expect(defaultPage.nextAfter == defaultPage.events.last?.id)
        let clamped = try await harness.request("/api/v1/events?limit=5000&include_baseline=true").data(EventPageDTO.self)
        #expect(clamped.events.count == 1000)
        #expect(clamped.nextAfter != nil)
        let zero = try await harness.request("/api/v1/events?limit=0&include_baseline=true").data(EventPageDTO.self)
        #expect(zero.events.count == 1000)
        let rest = try await harness.request("/api/v1/events?include_baseline=true&limit=1000&after=\(clamped.nextAfter ?? 0)").data(
            EventPageDTO.self)
        #expect(rest.events.count == 100)
        #expect(rest.nextAfter == nil)
    }

    // MARK: inventory

    @Test("inventory: now by default, any past time, filtered by target and object")
    func inventory() async throws {
        let harness = try await Harness.changed()
        let now = try await harness.request("/api/v1/inventory?target=web01&object=domain").data(InventoryDTO.self)
        #expect(now.at == "2027-01-15T08:03:00Z")
        #expect(now.objects.map(\.name) == ["beta.example", "delta.example", "gamma.example", "renamed.example"])
        let renamed = try #require(now.objects.first { $0.name == "renamed.example" })
        #expect(renamed.key == "dom-1")
        #expect(renamed.object == "domain")
        #expect(renamed.target == "web01")
        #expect(renamed.firstSeen == "2027-01-15T08:01:00Z")
        #expect(renamed.versionSince == "2027-01-15T08:03:00Z")
        #expect(renamed.fields.objectValue?["owner"] == .string("alice"))

        let before = try await harness.request("/api/v1/inventory?target=web01&object=domain&at=2027-01-15T08:02:30Z")
            .data(InventoryDTO.self)
        #expect(before.at == "2027-01-15T08:02:30Z")
        #expect(before.objects.map(\.name) == ["alpha.example", "beta.example", "gamma.example"])
        let relative = try await harness.request("/api/v1/inventory?target=web01&object=domain&at=1m")
            .data(InventoryDTO.self)
        #expect(relative.at == "2027-01-15T08:02:00Z")
        #expect(relative.objects.count == 3)
        let clients = try await harness.request("/api/v1/inventory?object=client").data(InventoryDTO.self)
        #expect(clients.objects.count == 8)
        #expect(clients.objects.allSatisfy { $0.object == "client" })
        let everything = try await harness.request("/api/v1/inventory").data(InventoryDTO.self)
        #expect(everything.objects.count == 15)
        let beforeAnything = try await harness.request("/api/v1/inventory?at=2020-01-01T00:00:00Z").data(InventoryDTO.self)
        #expect(beforeAnything.objects.isEmpty)
    }

    // MARK: history

    @Test("history: last value per step bucket, per target")
    func history() async throws {
        let harness = try await Harness()
        // Polls of web01 at 08:01, 08:02, …, 08:06; a domain added before each of the last three.
        try await harness.poll()
        try await harness.poll()
        try await harness.poll()
        for id in 10...12 {
            harness.source().update { $0.domains.append(.make(id, "n\(id).example")) }
            try await harness.poll()
        }
        harness.source().update { $0.failDomains = .timeout }
        try await harness.poll()  // a failure at 08:07 adds no point
        let history = try await harness.request("/api/v1/history?target=web01&since=2027-01-15T08:00:00Z&until=2027-01-15T08:10:00Z&step=2m"
        ).data(HistoryDTO.self)
        #expect(history.stepSeconds == 120)
        #expect(history.since == "2027-01-15T08:00:00Z")
        #expect(history.until == "2027-01-15T08:10:00Z")
        #expect(history.series.map(\.target) == ["web01"])
        let points = history.series[0].points
        // Buckets [08:00,08:02) → 08:01; [08:02,08:04) → 08:03; [08:04,08:06) → 08:05; [08:06,08:08) → 08:06.
        #expect(
            points.map(\.at) == [
                "2027-01-15T08:00:00Z", "2027-01-15T08:02:00Z", "2027-01-15T08:04:00Z", "2027-01-15T08:06:00Z",
            ])
        #expect(
            points.map(\.polledAt) == [
                "2027-01-15T08:01:00Z", "2027-01-15T08:03:00Z", "2027-01-15T08:05:00Z", "2027-01-15T08:06:00Z",
            ])
        #expect(points.map(\.counts.domains) == [3, 3, 5, 6])
        #expect(points[0].counts.clients == 4)
        // Points are flat objects: the counts sit next to "at".
        let raw = try await harness.request("/api/v1/history?step=1h").data(JSONObject.self)
        guard case .array(let series) = raw["series"], case .object(let first) = series.first,
            case .array(let rawPoints) = first["points"], case .object(let point) = rawPoints.first
        else {
            Issue.record("unexpected history shape")
            return
        }
        #expect(
            Set(point.keys) == [
                "at", "polled_at", "domains", "domains_by_hosting_type", "domain_aliases", "clients",
                "clients_by_account_type", "subscriptions", "subscriptions_by_status", "subscriptions_over_limit",
                "service_plans",
            ])
        // Defaults: the last 7 days in 1h steps; every poll falls into one bucket.
        let defaults = try await harness.request("/api/v1/history").data(HistoryDTO.self)
        #expect(defaults.stepSeconds == 3600)
        #expect(defaults.until == "2027-01-15T08:07:00Z")
        #expect(defaults.since == "2027-01-08T08:07:00Z")
        #expect(defaults.series.first?.points.count == 1)
        #expect(defaults.series.first?.points.first?.counts.domains == 6)
    }

    // MARK: unknown paths (the report has its own suite, ReportAPITests)

    @Test("unknown paths answer 404 not_found with the envelope")
    func unknownPaths() async throws {
        let harness = try await Harness()
        for uri in ["/api/v1/nope", "/nope", "/api/v2/targets", "/api/v1/events/1"] {
            let response = try await harness.request(uri)
            #expect(response.status == .notFound, "\(uri)")
            let error = try response.envelope(JSONAny.self)
            #expect(error.status == "error")
            #expect(error.errorType == "not_found")
            #expect(error.error?.isEmpty == false)
        }
    }

    // MARK: bad parameters

    static let badRequests: [String] = [
        "/api/v1/events?since=yesterday",
        "/api/v1/events?until=2027-13-45T00:00:00Z",
        "/api/v1/events?since=2027-01-15T09:00:00Z&until=2027-01-15T08:00:00Z",
        "/api/v1/events?limit=-1",
        "/api/v1/events?limit=ten",
        "/api/v1/events?limit=1.5",
        "/api/v1/events?object=mailbox",
        "/api/v1/events?change=renamed",
        "/api/v1/events?acknowledged=maybe",
        "/api/v1/events?include_baseline=no",
        "/api/v1/events?after=-3",
        "/api/v1/events?after=abc",
        "/api/v1/polls?since=soon",
        "/api/v1/polls?limit=-5",
        "/api/v1/polls?limit=x",
        "/api/v1/inventory?at=tomorrow",
        "/api/v1/inventory?object=mailbox",
        "/api/v1/history?step=0",
        "/api/v1/history?step=-1h",
        "/api/v1/history?step=fast",
        "/api/v1/history?step=0s",
        "/api/v1/history?since=30d&step=1s",
        "/api/v1/history?since=1h&until=2h",
        "/api/v1/history?until=never",
        "/api/v1/report?format=pdf",
        "/api/v1/report?since=never",
        "/api/v1/report?since=2027-01-15T09:00:00Z&until=2027-01-15T08:00:00Z",
        "/api/v1/report?target=nope",
    ]

    @Test("bad parameters answer 400 bad_data with a message", arguments: badRequests)
    func badParameter(uri: String) async throws {
        let harness = try await Harness()
        let response = try await harness.request(uri)
        #expect(response.status == .badRequest, "\(uri): \(response.text)")
        let envelope = try response.envelope(JSONAny.self)
        #expect(envelope.status == "error")
        #expect(envelope.errorType == "bad_data")
        #expect(envelope.data == nil)
        #expect((envelope.error ?? "").count > 10)
    }

    @Test("no response ever contains the target's credentials")
    func noCredentials() async throws {
        let harness = try await Harness.changed()
        for uri in [
            "/", "/metrics", "/api/v1/targets", "/api/v1/polls", "/api/v1/events?limit=1000", "/api/v1/inventory",
            "/api/v1/history", "/api/v1/report", "/api/v1/report?format=markdown", "/api/v1/report?format=html",
        ] {
            let response = try await harness.request(uri)
            #expect(response.status == .ok, "\(uri)")
            #expect(!response.text.contains(Harness.apiKey), "\(uri)")
        }
    }
}
