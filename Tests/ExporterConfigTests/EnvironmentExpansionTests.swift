import Foundation
import Testing

@testable import ExporterConfig

@Suite struct EnvironmentExpansionTests {
    @Test func expandsVariablesInScalarValues() throws {
        let config = try load(
            """
            global:
              poll_interval: ${INTERVAL}
            targets:
              - name: ${SITE}-web01
                url: https://${HOST}:8443
                api_key: ${KEY}
                labels: {datacenter: "${DC}"}
            """,
            environment: ["INTERVAL": "2m", "SITE": "fra", "HOST": "web01.example.com", "KEY": "k3y", "DC": "fra1"])
        let target = try #require(config.targets.first)
        #expect(config.global.pollInterval == .seconds(120))
        #expect(target.name == "fra-web01")
        #expect(target.url == URL(string: "https://web01.example.com:8443"))
        #expect(target.credentials == .apiKey(Secret("k3y")))
        #expect(target.labels == ["datacenter": "fra1"])
    }

    @Test func unsetVariablesAreNamedEachOnce() {
        let yaml = """
            targets:
              - name: web01
                url: https://${HOST}:${PORT}
                api_key: ${WEB01_KEY}${WEB01_KEY}
            """
        let found = problems(yaml, environment: ["PORT": "8443"])
        #expect(found.count == 2)
        expectProblem(found, key: "targets[0].url", onLineWith: "url:", in: yaml,
            containing: ["environment variable HOST is not set"])
        expectProblem(found, key: "targets[0].api_key", onLineWith: "api_key", in: yaml,
            containing: ["environment variable WEB01_KEY is not set"])
    }

    @Test func malformedReferences() {
        let yaml = """
            targets:
              - name: web01
                url: https://${HOST
                api_key: ${1KEY}
            """
        let found = problems(yaml, environment: ["HOST": "x"])
        #expect(found.map(\.key) == ["targets[0].url", "targets[0].api_key"])
        #expect(found.allSatisfy { $0.message.contains("malformed ${...}") })
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("${A}", "alpha"),
        ("x${A}y${B}z", "xalphaybetaz"),
        ("$${A}", "${A}"),
        ("$$${A}", "$${A}"),
        ("pa$$word", "pa$$word"),
        ("cost: $5", "cost: $5"),
        ("${EMPTY}", ""),
        ("$", "$"),
    ])
    func expansionTable(text: String, expected: String) {
        let result = EnvironmentExpander.expand(text, environment: ["A": "alpha", "B": "beta", "EMPTY": ""])
        guard case .value(let value) = result else {
            Issue.record("\(text) failed to expand")
            return
        }
        #expect(value == expected)
    }

    @Test func expandedValuesAreNotParsedAsYAML() throws {
        let config = try load(
            """
            targets:
              - name: web01
                url: https://web01.example.com
                basic_auth: {username: admin, password: "${PW}"}
            """,
            environment: ["PW": "a: [b] # c"])
        #expect(config.targets.first?.credentials == .basic(username: "admin", password: Secret("a: [b] # c")))
    }

    @Test func literalDollarBraceWithEscape() throws {
        let config = try load(
            """
            targets:
              - name: web01
                url: https://web01.example.com
                basic_auth: {username: admin, password: "p$${NOT_A_VAR}"}
            """)
        #expect(config.targets.first?.credentials == .basic(username: "admin", password: Secret("p${NOT_A_VAR}")))
    }

    @Test func unsetVariableInATypedValueDoesNotShowTheValue() {
        let found = problems("global: {poll_interval: \"${INTERVAL}\"}\n\(minimalTarget)", environment: ["INTERVAL": "s3cr3t"])
        #expect(found.count == 1)
        #expect(found.first?.message == "expected a duration like 30s, 5m, 1h30m or 7d, got the value of \"${INTERVAL}\"")
    }
}
