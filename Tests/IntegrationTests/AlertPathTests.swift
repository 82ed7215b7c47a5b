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

    @Test("a removed client pages with its name; acknowledging it resolves the alert")
    func removedClientPagesAndResolves() async throws {
        let prometheus = try #require(Self.which("prometheus"), "prometheus is not installed (scripts/test installs it)")
        let alertmanager = try #require(
            Self.which("prometheus-alertmanager") ?? Self.which("alertmanager"),
            "prometheus-alertmanager is not installed (scripts/test installs it)")
        let directory = try TemporaryDirectory()
        let receiver = WebhookReceiver()
        try await receiver.withRunning { receiverPort in
            try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
                let doomed = try plesk.addClient(login: "doomed-customer", name: "Doomed Customer")
                let config = directory.file("plesk_exporter.yml")
                try plesk.writeConfiguration(to: config, global: "poll_interval: 1s", target: "labels: {datacenter: ci}")
                let database = directory.file("plesk.db")
                var processes: [pid_t] = []
                defer { for pid in processes { kill(pid, SIGKILL) } }

                let exporter = try ExporterProcess.serve(
                    ["--config.file", config, "--storage.path", database], log: directory.file("exporter.log"))
                let exporterPort = try await exporter.port()

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
                let rules = Self.repository.appendingPathComponent("deploy/prometheus/alerts.yml").path
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

                // The baseline is in and Prometheus scrapes it: nothing pages.
                let scraped = await EndToEndTests.eventually(within: .seconds(90)) {
                    let query = "http://127.0.0.1:\(prometheusPort)/api/v1/query?query=plesk_up"
                    return try await EndToEndTests.get(query).body.contains(#""target":"web01""#)
                }
                #expect(scraped, "\(ChildProcess.output(prometheusLog).suffix(3000))")

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
                    alertmanager: \(ChildProcess.output(alertmanagerLog).suffix(1500))
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
