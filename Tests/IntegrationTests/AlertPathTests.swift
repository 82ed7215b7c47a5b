import Foundation
import PleskSimulator
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The whole alert path with real components: the exporter binary polling a simulated Plesk, a real Prometheus
/// (Debian's `prometheus`) evaluating the shipped `deploy/prometheus/alerts.yml`, a real Alertmanager (Debian's
/// `prometheus-alertmanager`) routing to a webhook receiver in this process. A removed client must page with the
/// target and the client named; `plesk_exporter ack` must resolve it.
@Suite("Alert path: exporter → Prometheus → Alertmanager → webhook", .tags(.heavy, .endToEnd))
struct AlertPathTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A real Alertmanager routing to `receiver` and a real Prometheus evaluating `rules` over the exporter at
    /// `exporterPort`, both killed on return; `body` gets Prometheus' port.
    static func withAlertPath(
        exporterPort: Int, rules: String, receiverPort: Int, directory: TemporaryDirectory,
        _ body: (_ prometheusPort: Int, _ logs: (prometheus: String, alertmanager: String)) async throws -> Void
    ) async throws {
        let prometheus = try #require(Self.which("prometheus"), "prometheus is not installed (scripts/test installs it)")
        let alertmanager = try #require(
            Self.which("prometheus-alertmanager") ?? Self.which("alertmanager"),
            "prometheus-alertmanager is not installed (scripts/test installs it)")
        var processes: [pid_t] = []
        defer { for pid in processes { kill(pid, SIGKILL) } }
        let alertmanagerPort = try FreePort.next()
        let alertmanagerLog = directory.file("alertmanager.log")
        try """
        route:
          receiver: ci
          group_by: [alertname, target]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: ci
            webhook_configs:
              - url: http://127.0.0.1:\(receiverPort)/alerts
                send_resolved: true
        """.write(toFile: directory.file("alertmanager.yml"), atomically: true, encoding: .utf8)
        processes.append(
            try ChildProcess.start(
                alertmanager,
                [
                    "--config.file=\(directory.file("alertmanager.yml"))",
                    "--storage.path=\(directory.file("alertmanager-data"))",
                    "--web.listen-address=127.0.0.1:\(alertmanagerPort)", "--cluster.listen-address=",
                ], logFile: alertmanagerLog))

        let prometheusPort = try FreePort.next()
        try """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        rule_files: ["\(rules)"]
        alerting:
          alertmanagers:
            - static_configs: [{targets: ["127.0.0.1:\(alertmanagerPort)"]}]
        scrape_configs:
          - job_name: plesk_exporter
            static_configs: [{targets: ["127.0.0.1:\(exporterPort)"]}]
        """.write(toFile: directory.file("prometheus.yml"), atomically: true, encoding: .utf8)
        let prometheusLog = directory.file("prometheus.log")
        processes.append(
            try ChildProcess.start(
                prometheus,
                [
                    "--config.file=\(directory.file("prometheus.yml"))",
                    "--storage.tsdb.path=\(directory.file("prometheus-data"))",
                    "--web.listen-address=127.0.0.1:\(prometheusPort)",
                ], logFile: prometheusLog))
        try await body(prometheusPort, (prometheusLog, alertmanagerLog))
    }

    static var shippedRules: String { repository.appendingPathComponent("deploy/prometheus/alerts.yml").path }

    @Test("a removed client pages with its name; acknowledging it resolves the alert")
    func removedClientPagesAndResolves() async throws {
        let directory = try TemporaryDirectory()
        let receiver = WebhookReceiver()
        try await receiver.withRunning { receiverPort in
            try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
                let doomed = try plesk.addClient(login: "doomed-customer", name: "Doomed Customer")
                let config = directory.file("plesk_exporter.yml")
                try plesk.writeConfiguration(to: config, global: "poll_interval: 1s", target: "labels: {datacenter: ci}")
                let database = directory.file("plesk.db")
                let exporter = try ExporterProcess.serve(
                    ["--config.file", config, "--storage.path", database], log: directory.file("exporter.log"))
                try await Self.withAlertPath(
                    exporterPort: try await exporter.port(), rules: Self.shippedRules, receiverPort: receiverPort,
                    directory: directory
                ) { prometheusPort, logs in
                    // The baseline is in and Prometheus scrapes it: nothing pages.
                    let scraped = await EndToEndTests.eventually(within: .seconds(90)) {
                        let query = "http://127.0.0.1:\(prometheusPort)/api/v1/query?query=plesk_up"
                        return try await EndToEndTests.get(query).body.contains(#""target":"web01""#)
                    }
                    #expect(scraped, "\(ChildProcess.output(logs.prometheus).suffix(3000))")

                    try plesk.removeClient(id: doomed.id)
                    let fired = await EndToEndTests.eventually(within: .seconds(120)) {
                        await receiver.alerts(named: "PleskClientRemoved").contains {
                            $0.status == "firing" && $0.labels["target"] == "web01"
                                && $0.labels["name"] == "doomed-customer"
                        }
                    }
                    let received = await receiver.payloads.suffix(5)
                    #expect(
                        fired,
                        """
                        no firing PleskClientRemoved for doomed-customer reached the receiver; it got: \(received)
                        alertmanager: \(ChildProcess.output(logs.alertmanager).suffix(1500))
                        """)
                    let firing = await receiver.alerts(named: "PleskClientRemoved").first { $0.status == "firing" }
                    #expect(firing?.labels["datacenter"] == "ci")
                    #expect(firing?.labels["severity"] == "critical")
                    #expect(firing?.annotations["summary"]?.contains("doomed-customer") == true)
                    // Nothing but the removal paged: the baseline raised nothing.
                    let names = Set(await receiver.alerts.map(\.labels["alertname"]))
                    #expect(names == ["PleskClientRemoved"], "unexpected alerts: \(names)")

                    let ack = try await EndToEndTests.run(
                        [
                            "ack", "--storage.path", database, "--target", "web01", "--object", "client", "--change",
                            "removed", "--by", "ci", "--comment", "expected in this test",
                        ])
                    #expect(ack.status == 0, "\(ack.stderr)")
                    #expect(ack.stdout.contains("doomed-customer"))
                    let resolved = await EndToEndTests.eventually(within: .seconds(120)) {
                        await receiver.alerts(named: "PleskClientRemoved").contains {
                            $0.status == "resolved" && $0.labels["name"] == "doomed-customer"
                        }
                    }
                    let afterAck = await receiver.payloads.suffix(3)
                    #expect(resolved, "the alert did not resolve after ack: \(afterAck)")
                }
                _ = await exporter.stop()
            }
        }
    }

    /// The shipped rules with their waits cut to seconds: the finding alerts wait 15 to 60 minutes, which a test
    /// cannot; every expression, label and annotation is otherwise the shipped one.
    static func hurriedRules(into directory: TemporaryDirectory) throws -> String {
        var text = try String(contentsOfFile: shippedRules, encoding: .utf8)
        for window in ["30m", "15m"] {
            text = text.replacingOccurrences(of: "[\(window)] offset \(window)", with: "[2s] offset 2s")
        }
        text = text.replacingOccurrences(of: "for: 30m", with: "for: 2s")
        let path = directory.file("alerts-hurried.yml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("billing findings page with the account named (the rules' waits cut to seconds); a source down pages too")
    func findingsPage() async throws {
        let directory = try TemporaryDirectory()
        let receiver = WebhookReceiver()
        try await receiver.withRunning { receiverPort in
            try await ReconcileCommandTests.withFleet { fleet in
                let exporter = try ExporterProcess.serve(
                    ["--config.file", fleet.config, "--storage.path", fleet.database],
                    log: directory.file("exporter.log"))
                try await Self.withAlertPath(
                    exporterPort: try await exporter.port(), rules: try Self.hurriedRules(into: directory),
                    receiverPort: receiverPort, directory: directory
                ) { _, logs in
                    let fired = await EndToEndTests.eventually(within: .seconds(120)) {
                        let alerts = await receiver.alerts.filter { $0.status == "firing" }
                        let missing = alerts.filter { $0.labels["alertname"] == "PleskBilledSubscriptionMissing" }
                        return Set(alerts.compactMap(\.labels["alertname"])).isSuperset(of: [
                            "PleskUnbilledSubscription", "PleskTerminatedButActive",
                        ]) && Set(missing.compactMap(\.labels["subscription"])) == ["ghost.example", "nowhere.example"]
                    }
                    let received = await receiver.payloads.suffix(5)
                    #expect(fired, "got: \(received)\n\(ChildProcess.output(logs.alertmanager).suffix(1500))")
                    let missing = await receiver.alerts(named: "PleskBilledSubscriptionMissing")
                    #expect(Set(missing.compactMap(\.labels["subscription"])) == ["ghost.example", "nowhere.example"])
                    #expect(missing.first { $0.labels["subscription"] == "ghost.example" }?.labels["ref"] == "G-1")
                    #expect(missing.first?.labels["severity"] == "critical")
                    let terminated = await receiver.alerts(named: "PleskTerminatedButActive").first
                    #expect(terminated?.labels["target"] == "web03")

                    // A truncated export: the source is down (and pages); no finding alert resolves meanwhile.
                    try String(fleet.billing.prefix(fleet.billing.count / 2)).write(
                        toFile: fleet.csv, atomically: true, encoding: .utf8)
                    let down = await EndToEndTests.eventually(within: .seconds(120)) {
                        await receiver.alerts(named: "PleskExpectedSourceDown").contains {
                            $0.status == "firing" && $0.labels["source"] == "billing"
                        }
                    }
                    #expect(down)
                    let resolvedFindings = await receiver.alerts.filter {
                        $0.status == "resolved" && $0.labels["alertname"] != "PleskExpectedSourceDown"
                    }
                    #expect(resolvedFindings.isEmpty, "\(resolvedFindings.map(\.labels))")
                }
                _ = await exporter.stop()
            }
        }
    }

    static func which(_ name: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin"] {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

}
