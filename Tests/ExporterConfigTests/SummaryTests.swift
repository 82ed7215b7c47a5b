import Foundation
import Testing

@testable import ExporterConfig

@Suite struct SummaryTests {
    @Test func summaryShowsEffectiveSettings() throws {
        let config = try load(
            """
            global: {poll_interval: 2m, max_response_size: 64MB}
            targets:
              - name: web01
                url: https://web01.example.com:8443
                api_key: k
                labels: {datacenter: fra1, rack: r2}
              - name: web02
                url: http://web02.example.com:8880
                basic_auth: {username: admin, password: p}
                poll_interval: 10m
            notifications:
              webhooks:
                - url: https://hooks.example.com/hook/token
                  match: {changes: [removed]}
            auto_acknowledge:
              - {object: domain, name: "*.test"}
            """)
        let lines = config.redactedSummary().split(separator: "\n").map(String.init)
        #expect(lines.contains("global: poll_interval=2m timeout=30s concurrency=4 max_response_size=64MiB memory_limit=auto (the cgroup's limit, else 1GiB)"))
        #expect(lines.contains("  web01: https://web01.example.com:8443"))
        #expect(lines.contains("    auth=api_key tls=system trust store"))
        #expect(lines.contains("    labels: datacenter=\"fra1\" rack=\"r2\""))
        #expect(lines.contains("    auth=basic_auth user=admin tls=none (plain http)"))
        #expect(lines.contains("    poll_interval=10m timeout=30s concurrency=4"))
        #expect(lines.contains("  json https://hooks.example.com/… objects=all changes=removed"))
        #expect(lines.contains("  object=domain name=\"*.test\""))
        #expect(lines.contains("warnings: 1"))
        #expect(config.targetLabelNames == ["datacenter", "rack"])
    }
}
