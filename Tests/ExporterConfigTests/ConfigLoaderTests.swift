import Foundation
import PleskAPI
import TestSupport
import InventoryModel
import Testing

@testable import ExporterConfig

@Suite struct ConfigLoaderTests {
    /// The SPEC §5 example, with its files created and a second and third target added.
    @Test func specExampleDecodes() throws {
        let directory = try TemporaryDirectory()
        try directory.write("web01.key", "0123456789abcdef-key\n")
        let caFile = try directory.write("certs/plesk-ca.pem", testCertificatePEM)
        try directory.write("web02.pass", "pa$$ word \n")
        let headersFile = try directory.write("hook.headers", "# auth for the hook\nAuthorization: Bearer abc\n\nX-Team: ops\n")
        let yaml = """
            global:
              poll_interval: 5m          # Go-style durations: 30s, 5m, 1h, 7d
              timeout: 30s               # per HTTP request
              concurrency: 4
              removal_guard:
                max_fraction: 0.2
                confirm_polls: 2
              max_response_size: 64MiB
            targets:
              - name: web01
                url: https://web01.example.com:8443
                api_key_file: web01.key
                tls:
                  insecure_skip_verify: false
                  ca_file: \(caFile)
                poll_interval: 10m
                labels: {datacenter: fra1}
                collect:
                  owners: true
                  owners_refresh: 1h
                  domain_status: false
                  client_statistics: false
              - name: web02
                url: https://web02.example.com:8443/plesk/
                basic_auth: {username: admin, password_file: web02.pass}
                tls:
                  fingerprint_sha256: "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89"
                timeout: 10s
                concurrency: 2
                collect: {owners: false, domain_status: true, usage_refresh: 15m}
              - name: web03
                url: http://10.0.0.3:8880
                api_key: ${WEB03_KEY}
            storage:
              retention: 400d
            metrics:
              domain_info: true
            notifications:
              webhooks:
                - url: https://hooks.example.com/plesk
                  format: json
                  headers_file: hook.headers
                  match: {objects: [client], changes: [added, removed]}
                - url: https://hooks.slack.com/services/T0/B0/XYZ
                  format: slack
            auto_acknowledge:
              - {object: domain, change: added, name: "*.staging.example.com"}
              - {target: web02, change: modified}
            """
        let config = try load(yaml, environment: ["WEB03_KEY": "env-key"], directory: directory)

        #expect(config.global.pollInterval == .seconds(300))
        #expect(config.global.timeout == .seconds(30))
        #expect(config.global.concurrency == 4)
        #expect(config.global.removalGuard == RemovalGuardSettings(maxFraction: 0.2, confirmPolls: 2))
        #expect(config.global.maxResponseBytes == 64 << 20)
        #expect(config.targets.map(\.name) == ["web01", "web02", "web03"])

        let web01 = try #require(config.target(named: "web01"))
        #expect(web01.url == URL(string: "https://web01.example.com:8443"))
        #expect(web01.credentials == .apiKey(Secret("0123456789abcdef-key")))
        #expect(web01.tls == PleskTLSOptions(insecureSkipVerify: false, caFile: caFile, fingerprintSHA256: nil))
        #expect(web01.pollInterval == .seconds(600))
        #expect(web01.timeout == .seconds(30))
        #expect(web01.concurrency == 4)
        #expect(web01.labels == ["datacenter": "fra1"])
        #expect(web01.collect == CollectSettings(owners: true, ownersRefresh: .seconds(3600), domainStatus: false, clientStatistics: false))

        let web02 = try #require(config.target(named: "web02"))
        #expect(web02.url == URL(string: "https://web02.example.com:8443/plesk"))
        // One line ending is dropped from a password file; other whitespace belongs to the password.
        #expect(web02.credentials == .basic(username: "admin", password: Secret("pa$$ word ")))
        #expect(web02.tls.fingerprintSHA256 == "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")
        #expect(web02.tls.caFile == nil)
        #expect(web02.pollInterval == .seconds(300))
        #expect(web02.timeout == .seconds(10))
        #expect(web02.concurrency == 2)
        #expect(
            web02.collect
                == CollectSettings(
                    owners: false, ownersRefresh: .seconds(3600), domainStatus: true, clientStatistics: false,
                    usageRefresh: .seconds(900)))

        let web03 = try #require(config.target(named: "web03"))
        #expect(web03.credentials == .apiKey(Secret("env-key")))
        #expect(web03.isPlainHTTP)
        #expect(config.warnings.map(\.key) == ["targets[2].url"])
        #expect(config.warnings.first?.line == line(of: "url: http://10.0.0.3", in: yaml))

        #expect(config.storage.retention == .seconds(400 * 86_400))
        #expect(config.metrics.domainInfo)
        #expect(config.notifications.webhooks.count == 2)
        let hook = config.notifications.webhooks[0]
        #expect(hook.url == URL(string: "https://hooks.example.com/plesk"))
        #expect(hook.format == .json)
        #expect(hook.headersFile == headersFile)
        #expect(hook.headers == [
            WebhookHeader(name: "Authorization", value: Secret("Bearer abc")),
            WebhookHeader(name: "X-Team", value: Secret("ops")),
        ])
        #expect(hook.match == EventMatch(objects: [.client], changes: [.added, .removed]))
        #expect(config.notifications.webhooks[1].format == .slack)
        #expect(config.notifications.webhooks[1].match == EventMatch())
        #expect(config.autoAcknowledge == [
            AutoAcknowledgeRule(object: .domain, change: .added, name: "*.staging.example.com"),
            AutoAcknowledgeRule(change: .modified, target: "web02"),
        ])
        #expect(config.targetLabelNames == ["datacenter"])
    }

    @Test func defaults() throws {
        let config = try load(minimalTarget)
        #expect(config.global == GlobalSettings())
        #expect(config.global.pollInterval == .seconds(300))
        #expect(config.global.timeout == .seconds(30))
        #expect(config.global.concurrency == 4)
        #expect(config.global.removalGuard.maxFraction == 0.2)
        #expect(config.global.removalGuard.confirmPolls == 2)
        #expect(config.global.maxResponseBytes == 256 * 1024 * 1024)
        #expect(config.storage.retention == .seconds(400 * 86_400))
        #expect(config.metrics.domainInfo == false)
        #expect(config.notifications.webhooks.isEmpty)
        #expect(config.autoAcknowledge.isEmpty)
        #expect(config.warnings.isEmpty)
        let target = try #require(config.targets.first)
        #expect(target.tls == PleskTLSOptions())
        #expect(target.collect == CollectSettings())
        #expect(target.collect.owners)
        #expect(target.collect.ownersRefresh == .seconds(3600))
        #expect(target.collect.usageRefresh == .seconds(3600))
        #expect(!target.collect.domainStatus)
        #expect(!target.collect.clientStatistics)
        #expect(target.labels.isEmpty)
        #expect(target.pollInterval == .seconds(300))
    }

    @Test func globalValuesAreInheritedByTargets() throws {
        let config = try load(
            """
            global: {poll_interval: 1m, timeout: 5s, concurrency: 8}
            \(minimalTarget)
            """)
        let target = try #require(config.targets.first)
        #expect(target.pollInterval == .seconds(60))
        #expect(target.timeout == .seconds(5))
        #expect(target.concurrency == 8)
    }

    @Test func nullSectionsTakeDefaults() throws {
        let config = try load(
            """
            global:
            storage:
            notifications:
              webhooks:
            \(minimalTarget)
                tls:
                collect:
            """)
        #expect(config.global == GlobalSettings())
        #expect(config.targets.first?.tls == PleskTLSOptions())
    }

    @Test func explicitlyEmptyTargetsAreAllowedWithAWarning() throws {
        let config = try load("targets: []\n")
        #expect(config.targets.isEmpty)
        #expect(config.warnings.map(\.key) == ["targets"])
        #expect(config.warnings.first?.line == 1)
    }

    @Test func mergeKeysShareSettings() throws {
        let config = try load(
            """
            targets:
              - &base
                name: web01
                url: https://web01.example.com:8443
                api_key: k
                poll_interval: 2m
              - <<: *base
                name: web02
                url: https://web02.example.com:8443
            """)
        #expect(config.targets.map(\.name) == ["web01", "web02"])
        #expect(config.targets[1].pollInterval == .seconds(120))
        #expect(config.targets[1].url == URL(string: "https://web02.example.com:8443"))
        #expect(config.targets[1].credentials == .apiKey(Secret("k")))
    }

    @Test func loadResolvesRelativeFilesAgainstTheConfigDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("secrets/web01.key", "  file-key  \n")
        let path = try directory.write(
            "plesk_exporter.yml",
            """
            targets:
              - name: web01
                url: https://web01.example.com:8443
                api_key_file: secrets/web01.key
            """)
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.targets.first?.credentials == .apiKey(Secret("file-key")))
    }

    @Test func missingFileIsOneProblemWithTheReason() {
        let path = "/nonexistent-\(UUID().uuidString)/plesk_exporter.yml"
        #expect {
            _ = try ConfigLoader.load(path: path, environment: [:])
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems.count == 1 && problems[0].file == path && problems[0].line == nil
                && problems[0].message.contains("No such file or directory")
        }
    }

    @Test func directoryInsteadOfFile() throws {
        let directory = try TemporaryDirectory()
        do {
            _ = try ConfigLoader.load(path: directory.path, environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.description.contains("Is a directory"))
        }
    }

    @Test func invalidYAMLHasLineAndColumn() {
        let yaml = """
            global:
              poll_interval: 5m
             timeout: 30s
            targets: []
            """
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.column != nil)
        #expect(found.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func duplicateYAMLKey() {
        let yaml = """
            targets:
              - name: web01
                url: https://a.example.com
                url: https://b.example.com
                api_key: k
            """
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.contains("duplicate key \"url\"") == true)
    }

    @Test func emptyDocumentNeedsTargets() {
        let found = problems("")
        #expect(found.map(\.key) == ["targets"])
        #expect(found.first?.message.contains("no targets") == true)
    }

    @Test func problemDescriptionFormat() {
        let problem = ConfigProblem(
            file: "plesk_exporter.yml", line: 12, column: 5, key: "targets[1].tls.ca_file",
            message: "cannot read /x/y.pem: No such file or directory")
        #expect(problem.description == "plesk_exporter.yml:12: targets[1].tls.ca_file: cannot read /x/y.pem: No such file or directory")
        #expect(ConfigProblem(file: "a.yml", key: "", message: "m").description == "a.yml: m")
        let error = ConfigError(problems: [problem, ConfigProblem(file: "a.yml", key: "", message: "m")])
        #expect(error.description.split(separator: "\n").count == 2)
    }
}
