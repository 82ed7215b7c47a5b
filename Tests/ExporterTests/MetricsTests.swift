import TestSupport
import Foundation
import HummingbirdTesting
import Inventory
import PleskAPI
import InventoryModel
import Testing

@testable import Exporter

@Suite("GET /metrics")
struct MetricsTests {
    /// Scrapes through the router and parses the body.
    func scrape(_ harness: Harness, path: String = "/metrics") async throws -> (text: String, exposition: Exposition) {
        let text = try await harness.application(web: WebSettings(telemetryPath: path)).test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            return response.text
        }
        return (text, try Exposition(text))
    }

    @Test("the full poll budget: memory limit, capacity, reserved bytes, running and waiting polls, time waited")
    func budget() async throws {
        let harness = try await Harness()
        let budget = FullPollBudget(capacityBytes: 1_000, slots: 1, memoryLimit: 2_000)
        let telemetry = ExporterTelemetry(configuration: harness.configuration, budget: budget)
        let held = try await budget.reserve(bytes: 400)
        let waiting = Task { try await budget.reserve(bytes: 10) }
        #expect(await eventually { budget.snapshot.waiting == 1 })
        let metrics = try Exposition(String(decoding: MetricsExposition.livePart(telemetry: telemetry), as: UTF8.self))
        #expect(metrics.value("plesk_exporter_memory_limit_bytes") == 2_000)
        #expect(metrics.value("plesk_exporter_full_poll_budget_bytes") == 1_000)
        #expect(metrics.value("plesk_exporter_full_poll_reserved_bytes") == 400)
        #expect(metrics.value("plesk_exporter_full_polls", ["state": "running"]) == 1)
        #expect(metrics.value("plesk_exporter_full_polls", ["state": "waiting"]) == 1)
        let waitedBefore = try #require(metrics.value("plesk_exporter_full_poll_wait_seconds_total"))
        budget.release(held)
        budget.release(try await waiting.value)
        let after = try Exposition(String(decoding: MetricsExposition.livePart(telemetry: telemetry), as: UTF8.self))
        #expect(after.value("plesk_exporter_full_polls", ["state": "waiting"]) == 0)
        #expect((after.value("plesk_exporter_full_poll_wait_seconds_total") ?? 0) > waitedBefore)
    }

    @Test("before any poll: plesk_up 0, zero change and error series, build info, process metrics")
    func beforeFirstPoll() async throws {
        let harness = try await Harness()
        let (_, metrics) = try await scrape(harness)
        #expect(metrics.value("plesk_up", ["target": "web01"]) == 0)
        #expect(metrics.value("plesk_up", ["target": "web02"]) == 0)
        #expect(metrics.samples("plesk_domains").isEmpty)
        #expect(metrics.samples("plesk_server_info").isEmpty)
        #expect(metrics.samples("plesk_last_poll_timestamp_seconds").isEmpty)
        // Every target × object × change exists at zero.
        for target in ["web01", "web02"] {
            for object in ObjectKind.allCases {
                for change in ChangeKind.allCases {
                    let labels = ["target": target, "object": object.rawValue, "change": change.rawValue]
                    #expect(metrics.value("plesk_inventory_changes_total", labels) == 0)
                    #expect(metrics.value("plesk_unacknowledged_changes", labels) == 0)
                }
            }
            for reason in PleskAPIError.Reason.allCases {
                #expect(metrics.value("plesk_poll_errors_total", ["target": target, "reason": reason.rawValue]) == 0)
            }
            #expect(metrics.value("plesk_polls_total", ["target": target, "result": "success"]) == 0)
            #expect(metrics.value("plesk_polls_total", ["target": target, "result": "failure"]) == 0)
        }
        let build = try #require(metrics.samples("plesk_exporter_build_info").first)
        #expect(build.value == 1)
        #expect(
            build.labels == [
                "version": BuildInfo.version, "revision": BuildInfo.revision, "swift_version": BuildInfo.swiftVersion,
            ])
        for name in [
            "process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
            "process_open_fds", "process_max_fds", "process_start_time_seconds",
        ] {
            #expect(metrics.samples(name).count == 1, "\(name)")
        }
        #expect((metrics.value("process_resident_memory_bytes") ?? 0) > 1_000_000)
        #expect((metrics.value("process_open_fds") ?? 0) >= 3)
        let start = metrics.value("process_start_time_seconds") ?? 0
        #expect(abs(start - Date().timeIntervalSince1970) < 24 * 3600)
        #expect(metrics.types["process_cpu_seconds_total"] == "counter")
    }

    @Test("after a baseline poll: inventory gauges, server info, timestamps; baseline raises no change")
    func afterBaseline() async throws {
        let harness = try await Harness()
        let report = try await harness.poll("web01")
        #expect(report.succeeded)
        let (_, metrics) = try await scrape(harness)
        let web01 = ["target": "web01"]
        #expect(metrics.value("plesk_up", web01) == 1)
        #expect(metrics.value("plesk_up", ["target": "web02"]) == 0)
        #expect(metrics.value("plesk_domains", ["target": "web01", "hosting_type": "virtual"]) == 2)
        #expect(metrics.value("plesk_domains", ["target": "web01", "hosting_type": "none"]) == 1)
        #expect(metrics.samples("plesk_domains", web01).count == 2)
        #expect(metrics.value("plesk_domain_aliases", web01) == 2)
        #expect(metrics.value("plesk_clients", ["target": "web01", "account_type": "admin", "status": "active"]) == 1)
        #expect(
            metrics.value("plesk_clients", ["target": "web01", "account_type": "customer", "status": "active"]) == 1)
        #expect(
            metrics.value("plesk_clients", ["target": "web01", "account_type": "customer", "status": "disabled"]) == 1)
        #expect(
            metrics.value("plesk_clients", ["target": "web01", "account_type": "reseller", "status": "active"]) == 1)
        #expect(metrics.samples("plesk_clients", web01).count == 4)
        let info = try #require(metrics.samples("plesk_server_info", web01).first)
        #expect(info.value == 1)
        #expect(info.labels["hostname"] == "fake.example")
        #expect(info.labels["panel_version"] == "18.0.76")
        #expect(info.labels["platform"] == "Unix")
        let finished = report.poll.finishedAt.timeIntervalSince1970
        #expect(metrics.value("plesk_last_poll_timestamp_seconds", web01) == finished)
        #expect(metrics.value("plesk_last_successful_poll_timestamp_seconds", web01) == finished)
        #expect(metrics.value("plesk_removals_held", ["target": "web01", "object": "domain"]) == 0)
        #expect(metrics.value("plesk_removals_held", ["target": "web01", "object": "client"]) == 0)
        #expect(metrics.samples("plesk_inventory_changes_total", web01).allSatisfy { $0.value == 0 })
        #expect(metrics.value("plesk_polls_total", ["target": "web01", "result": "success"]) == 1)
        #expect(metrics.value("plesk_poll_duration_seconds_count", web01) == 1)
        #expect(metrics.samples("plesk_poll_duration_seconds_bucket", web01).contains { $0.labels["le"] == "+Inf" })
        #expect(metrics.types["plesk_poll_duration_seconds"] == "histogram")
        // Target web02 was never polled: no inventory series, no timestamps.
        #expect(metrics.samples("plesk_domains", ["target": "web02"]).isEmpty)
        #expect(metrics.samples("plesk_last_poll_timestamp_seconds", ["target": "web02"]).isEmpty)
    }

    @Test("config labels are on every series of their target, counters and histograms included")
    func configLabelsEverywhere() async throws {
        let harness = try await Harness()
        try await harness.pollAll()
        harness.telemetry.observeRequest(target: "web01", endpoint: .domains, duration: .milliseconds(12))
        let (_, metrics) = try await scrape(harness)
        let web01 = metrics.samples.filter { $0.labels["target"] == "web01" }
        #expect(web01.count > 60)
        for sample in web01 {
            #expect(sample.labels["datacenter"] == "fra1", "\(sample.name) \(sample.labels)")
            #expect(sample.labels["tier"] == "gold", "\(sample.name) \(sample.labels)")
        }
        let families = Set(web01.map(\.name))
        for name in [
            "plesk_up", "plesk_domains", "plesk_clients", "plesk_polls_total", "plesk_poll_errors_total",
            "plesk_poll_duration_seconds_bucket", "plesk_api_request_duration_seconds_bucket",
            "plesk_inventory_changes_total", "plesk_server_info",
        ] {
            #expect(families.contains(name), "\(name)")
        }
        #expect(
            metrics.value("plesk_api_request_duration_seconds_count", ["target": "web01", "endpoint": "domains"]) == 1)
        for sample in metrics.samples where sample.labels["target"] == "web02" {
            #expect(sample.labels["datacenter"] == nil)
        }
    }

    @Test("changes count from the store; vanished label sets disappear")
    func changesAndVanishedSeries() async throws {
        let harness = try await Harness()
        try await harness.poll()
        harness.source().update {
            $0.domains[2].hostingType = "virtual"  // the only "none" domain
            $0.domains.append(.make(4, "delta.example"))
            $0.clients[2].status = 0  // bob: disabled → active
        }
        try await harness.poll()
        let (_, metrics) = try await scrape(harness)
        #expect(metrics.value("plesk_domains", ["target": "web01", "hosting_type": "virtual"]) == 4)
        #expect(metrics.samples("plesk_domains", ["target": "web01", "hosting_type": "none"]).isEmpty)
        #expect(metrics.samples("plesk_clients", ["target": "web01", "status": "disabled"]).isEmpty)
        #expect(
            metrics.value("plesk_clients", ["target": "web01", "account_type": "customer", "status": "active"]) == 2)
        let added = ["target": "web01", "object": "domain", "change": "added"]
        let modified = ["target": "web01", "object": "domain", "change": "modified"]
        let clientModified = ["target": "web01", "object": "client", "change": "modified"]
        #expect(metrics.value("plesk_inventory_changes_total", added) == 1)
        #expect(metrics.value("plesk_inventory_changes_total", modified) == 1)
        #expect(metrics.value("plesk_inventory_changes_total", clientModified) == 1)
        #expect(metrics.value("plesk_unacknowledged_changes", added) == 1)
        #expect(
            metrics.value(
                "plesk_inventory_changes_total", ["target": "web01", "object": "domain", "change": "removed"]) == 0)
        #expect(metrics.types["plesk_inventory_changes_total"] == "counter")
        #expect(metrics.types["plesk_unacknowledged_changes"] == "gauge")
    }

    @Test("client statistics: one series per client and counter when collected, none otherwise")
    func clientStatistics() async throws {
        let harness = try await Harness(clientStatistics: true)
        harness.source().update {
            $0.statistics[2] = PleskClientStatistics(activeDomains: 2, diskSpace: 765_952, traffic: 1_000)
        }
        try await harness.poll()
        let (text, metrics) = try await scrape(harness)
        let alice = ["target": "web01", "client_login": "alice"]
        #expect(metrics.value("plesk_client_statistics", alice.merging(["statistic": "disk_space"]) { $1 }) == 765_952)
        #expect(metrics.value("plesk_client_statistics", alice.merging(["statistic": "active_domains"]) { $1 }) == 2)
        // Counters a server does not report are left out, not shown as 0.
        #expect(metrics.value("plesk_client_statistics", alice.merging(["statistic": "databases"]) { $1 }) == nil)
        #expect(metrics.value("plesk_client_statistics", ["target": "web01", "client_login": "bob", "statistic": "active_domains"]) == 1)
        #expect(metrics.samples("plesk_client_statistics").allSatisfy { $0.labels["target"] == "web01" })
        let promtool = try Promtool.checkMetrics(text)
        #expect(promtool.status == 0, "\(promtool.output)")

        let without = try await Harness()
        try await without.poll()
        #expect(try await scrape(without).exposition.samples("plesk_client_statistics").isEmpty)
    }

    @Test("a failed poll: plesk_up 0, its reason counted, the last known inventory kept")
    func failedPoll() async throws {
        let harness = try await Harness()
        let success = try await harness.poll()
        harness.source().update { $0.failDomains = .auth }
        let failure = try await harness.poll()
        #expect(!failure.succeeded)
        let (_, metrics) = try await scrape(harness)
        let web01 = ["target": "web01"]
        #expect(metrics.value("plesk_up", web01) == 0)
        #expect(metrics.value("plesk_poll_errors_total", ["target": "web01", "reason": "auth"]) == 1)
        #expect(metrics.value("plesk_poll_errors_total", ["target": "web01", "reason": "timeout"]) == 0)
        #expect(metrics.value("plesk_polls_total", ["target": "web01", "result": "failure"]) == 1)
        #expect(metrics.value("plesk_polls_total", ["target": "web01", "result": "success"]) == 1)
        #expect(metrics.value("plesk_domains", ["target": "web01", "hosting_type": "virtual"]) == 2)
        #expect(
            metrics.value("plesk_last_poll_timestamp_seconds", web01) == failure.poll.finishedAt.timeIntervalSince1970)
        #expect(
            metrics.value("plesk_last_successful_poll_timestamp_seconds", web01)
                == success.poll.finishedAt.timeIntervalSince1970)
    }

    @Test("a restart restores up, counts, held removals and timestamps from the store")
    func restoredAfterRestart() async throws {
        let harness = try await Harness()
        try await harness.poll("web01")
        harness.source("web02").update { $0.failDomains = .timeout }
        try await harness.poll("web02")
        try await harness.poll("web01")
        let restarted = try await harness.restartedStatus()
        let bytes = MetricsExposition.render(await restarted.snapshot(), telemetry: nil)
        let metrics = try Exposition(String(decoding: bytes, as: UTF8.self))
        #expect(metrics.value("plesk_up", ["target": "web01"]) == 1)
        #expect(metrics.value("plesk_up", ["target": "web02"]) == 0)
        #expect(metrics.value("plesk_domains", ["target": "web01", "hosting_type": "virtual"]) == 2)
        #expect(metrics.value("plesk_domain_aliases", ["target": "web01"]) == 2)
        #expect(metrics.samples("plesk_domains", ["target": "web02"]).isEmpty)
        #expect(metrics.samples("plesk_last_poll_timestamp_seconds").count == 2)
        #expect(metrics.samples("plesk_last_successful_poll_timestamp_seconds").count == 1)
        #expect(metrics.value("plesk_removals_held", ["target": "web01", "object": "domain"]) == 0)
        // Server info comes back from the store too (web02 never completed a poll, so it has none).
        let info = metrics.samples("plesk_server_info")
        #expect(info.count == 1)
        #expect(info.first?.labels["target"] == "web01")
        #expect(info.first?.labels["hostname"]?.isEmpty == false)
    }

    @Test("held removals show in plesk_removals_held")
    func heldRemovals() async throws {
        let harness = try await Harness()
        harness.source().update { $0.domains = (1...10).map { PleskDomain.make($0, "d\($0).example") } }
        try await harness.poll()
        harness.source().update { $0.domains.removeLast(5) }
        try await harness.poll()
        let (_, metrics) = try await scrape(harness)
        #expect(metrics.value("plesk_removals_held", ["target": "web01", "object": "domain"]) == 5)
        #expect(
            metrics.value(
                "plesk_inventory_changes_total", ["target": "web01", "object": "domain", "change": "removed"]) == 0)
        // The last known inventory minus nothing: held objects are still counted by the poll that saw them missing.
        #expect(metrics.value("plesk_domains", ["target": "web01", "hosting_type": "virtual"]) == 5)
    }

    @Test("plesk_domain_info is opt-in and follows the current domains")
    func domainInfo() async throws {
        let off = try await Harness()
        try await off.poll()
        #expect(try await scrape(off).exposition.samples("plesk_domain_info").isEmpty)

        let harness = try await Harness(domainInfo: true)
        try await harness.poll()
        var metrics = try await scrape(harness).exposition
        let alpha = try #require(metrics.samples("plesk_domain_info", ["domain": "alpha.example"]).first)
        #expect(alpha.value == 1)
        #expect(
            alpha.labels == [
                "target": "web01", "datacenter": "fra1", "tier": "gold", "domain": "alpha.example",
                "hosting_type": "virtual", "client_login": "alice",
            ])
        #expect(metrics.value("plesk_domain_info", ["domain": "gamma.example"]) == 1)
        #expect(
            metrics.samples("plesk_domain_info", ["domain": "gamma.example"]).first?.labels["client_login"] == "bob")
        #expect(metrics.samples("plesk_domain_info").count == 3)

        harness.source().update {
            $0.domains[0].name = "renamed.example"
            $0.domains[0].asciiName = "renamed.example"
        }
        try await harness.poll()
        metrics = try await scrape(harness).exposition
        #expect(metrics.samples("plesk_domain_info", ["domain": "alpha.example"]).isEmpty)
        #expect(metrics.value("plesk_domain_info", ["domain": "renamed.example", "client_login": "alice"]) == 1)
        #expect(metrics.samples("plesk_domain_info").count == 3)

        // Restored at start too.
        let restarted = try await harness.restartedStatus()
        let restored = try Exposition(
            String(decoding: MetricsExposition.render(await restarted.snapshot(), telemetry: nil), as: UTF8.self))
        #expect(restored.samples("plesk_domain_info").count == 3)
        #expect(restored.value("plesk_domain_info", ["domain": "renamed.example"]) == 1)
    }

    @Test("one HELP and TYPE per family; HELP says the data is cached; label values escaped")
    func expositionShape() async throws {
        let harness = try await Harness(targets: [("web01", ["site": #"a "quoted" \ value"#]), ("web02", [:])])
        try await harness.pollAll()
        let (text, metrics) = try await scrape(harness)
        #expect(metrics.helpCount.values.allSatisfy { $0 == 1 }, "\(metrics.helpCount.filter { $0.value != 1 })")
        #expect(metrics.typeCount.values.allSatisfy { $0 == 1 }, "\(metrics.typeCount.filter { $0.value != 1 })")
        #expect(metrics.helps["plesk_domains"]?.contains("cached") == true)
        #expect(metrics.helps["plesk_clients"]?.contains("cached") == true)
        #expect(text.contains(#"site="a \"quoted\" \\ value""#))
        #expect(metrics.samples("plesk_up", ["target": "web01"]).first?.labels["site"] == #"a "quoted" \ value"#)
        for (name, type) in metrics.types where type == "counter" {
            #expect(name.hasSuffix("_total"), "\(name)")
        }
    }

    @Test("--web.telemetry-path moves the endpoint")
    func telemetryPath() async throws {
        let harness = try await Harness()
        let (_, metrics) = try await scrape(harness, path: "/custom/metrics")
        #expect(!metrics.samples("plesk_up").isEmpty)
        try await harness.application(web: WebSettings(telemetryPath: "/custom/metrics")).test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .notFound)
        }
    }

    @Test("promtool check metrics finds nothing, with failures, changes, held removals and domain info")
    func promtoolOnRichState() async throws {
        let harness = try await Harness(domainInfo: true)
        try await harness.pollAll()
        harness.source().update {
            $0.domains.append(.make(4, "delta.example"))
            $0.clients[1].status = 256
        }
        try await harness.poll("web01")
        harness.source("web02").update { $0.failDomains = .tls }
        try await harness.poll("web02")
        harness.telemetry.observeRequest(target: "web01", endpoint: .clientDomains, duration: .milliseconds(3))
        let (text, _) = try await scrape(harness)
        let result = try Promtool.checkMetrics(text)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "promtool reported:\n\(result.output)")
    }
}
