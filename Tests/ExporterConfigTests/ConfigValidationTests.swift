import Foundation
import TestSupport
import PleskAPI
import Testing

@testable import ExporterConfig

@Suite struct ConfigValidationTests {
    @Test func unknownKeysAtEveryLevel() {
        let yaml = """
            global:
              pol_interval: 5m
            targets:
              - name: web01
                url: https://web01.example.com:8443
                api_key: k
                tsl: {}
                collect: {owner: true}
            extra: 1
            """
        let found = problems(yaml)
        #expect(found.count == 4)
        expectProblem(found, key: "global.pol_interval", onLineWith: "pol_interval", in: yaml,
            containing: ["unknown key \"pol_interval\"", "did you mean \"poll_interval\"", "allowed keys: poll_interval, timeout"])
        expectProblem(found, key: "targets[0].tsl", onLineWith: "tsl:", in: yaml, containing: ["did you mean \"tls\""])
        expectProblem(found, key: "targets[0].collect.owner", onLineWith: "collect:", in: yaml,
            containing: ["allowed keys: owners, owners_refresh, domain_status, client_statistics"])
        let extra = expectProblem(found, key: "extra", onLineWith: "extra:", in: yaml,
            containing: ["allowed keys: global, targets, storage, metrics, notifications, auto_acknowledge"])
        #expect(extra?.column == 1)
        #expect(extra?.message.contains("did you mean") == false)
    }

    @Test func wrongTypes() {
        let yaml = """
            global:
              concurrency: four
              removal_guard: [1]
            storage: 5
            metrics:
              domain_info: maybe
            targets:
              - name: web01
                url: [https://web01.example.com]
                api_key: k
                labels: [a, b]
            """
        let found = problems(yaml)
        #expect(found.count == 6)
        expectProblem(found, key: "global.concurrency", onLineWith: "four", in: yaml,
            containing: ["expected a whole number, got \"four\""])
        expectProblem(found, key: "global.removal_guard", onLineWith: "removal_guard", in: yaml,
            containing: ["expected a mapping", "found a list"])
        expectProblem(found, key: "storage", onLineWith: "storage", in: yaml, containing: ["found a single value"])
        expectProblem(found, key: "metrics.domain_info", onLineWith: "maybe", in: yaml, containing: ["true or false"])
        expectProblem(found, key: "targets[0].url", onLineWith: "url:", in: yaml, containing: ["found a list"])
        expectProblem(found, key: "targets[0].labels", onLineWith: "labels", in: yaml, containing: ["found a list"])
    }

    @Test func wrongShapesOfTheDocumentAndItsLists() {
        let root = problems("- web01\n")
        #expect(root.count == 1)
        #expect(root.first?.line == 1)
        #expect(root.first?.message.contains("expected a mapping of keys (global, targets") == true)

        let yaml = """
            targets:
              - web01
              - name: web02
                url: https://web02.example.com
                api_key: k
            auto_acknowledge: {object: domain}
            """
        let found = problems(yaml)
        #expect(found.count == 2)
        expectProblem(found, key: "targets[0]", onLineWith: "- web01", in: yaml, containing: ["expected a mapping", "found a single value"])
        expectProblem(found, key: "auto_acknowledge", onLineWith: "auto_acknowledge", in: yaml, containing: ["expected a list"])
    }

    @Test func unknownKeysInMergedMappingsAreReportedOnce() {
        let yaml = """
            targets:
              - &base
                name: web01
                url: https://web01.example.com
                api_key: k
                colour: red
              - <<: *base
                name: web02
            """
        let found = problems(yaml)
        #expect(found.map(\.key) == ["targets[0].colour"])
    }

    @Test func badDurations() {
        let yaml = """
            global:
              poll_interval: 5 minutes
              timeout: 0
            storage:
              retention: 1.5d
            targets:
              - name: web01
                url: https://web01.example.com:8443
                api_key: k
                poll_interval: 500ms
                collect: {owners_refresh: 1m1h}
            """
        let found = problems(yaml)
        #expect(found.count == 5)
        expectProblem(found, key: "global.poll_interval", onLineWith: "5 minutes", in: yaml,
            containing: ["expected a duration like 30s, 5m, 1h30m or 7d, got \"5 minutes\""])
        expectProblem(found, key: "global.timeout", onLineWith: "timeout: 0", in: yaml, containing: ["longer than 0s"])
        expectProblem(found, key: "storage.retention", onLineWith: "1.5d", in: yaml, containing: ["\"1.5d\""])
        expectProblem(found, key: "targets[0].poll_interval", onLineWith: "500ms", in: yaml, containing: ["at least 1s"])
        expectProblem(found, key: "targets[0].collect.owners_refresh", onLineWith: "1m1h", in: yaml, containing: ["1m1h"])
    }

    @Test(arguments: [
        ("ftp://web01.example.com", "must be an http:// or https:// URL, got \"ftp://web01.example.com\""),
        ("web01.example.com", "must start with http:// or https://"),
        ("https://", "has no host name"),
        ("https://admin:hunter2@web01.example.com:8443", "must not contain a user name or password"),
        ("https://web01.example.com:8443/api/v2", "without /api/v2"),
        ("https://web01.example.com:8443/?x=1", "must not have a query"),
        ("not a url at all", "expected a URL like https://host:8443"),
    ])
    func badTargetURLs(url: String, fragment: String) {
        let yaml = """
            targets:
              - name: web01
                url: \(url)
                api_key: k
            """
        let found = problems(yaml)
        #expect(found.count == 1)
        expectProblem(found, key: "targets[0].url", onLineWith: "url:", in: yaml, containing: [fragment])
        #expect(!found.description.contains("hunter2"))
    }

    @Test func duplicateTargetNamesNameBothLines() {
        let yaml = """
            targets:
              - name: web01
                url: https://a.example.com
                api_key: k
              - name: web02
                url: https://b.example.com
                api_key: k
              - name: web01
                url: https://c.example.com
                api_key: k
            """
        let found = problems(yaml)
        #expect(found.count == 1)
        expectProblem(found, key: "targets[2].name", onLineWith: nil, in: yaml,
            containing: ["duplicate target name \"web01\"", "already used on line 2"])
        #expect(found.first?.line == 8)
    }

    @Test func missingAndEmptyNamesAndURLs() {
        let yaml = """
            targets:
              - url: https://a.example.com
                api_key: k
              - name: ""
                url: https://b.example.com
                api_key: k
              - name: web 03
                api_key: k
            """
        let found = problems(yaml)
        #expect(found.count == 4)
        expectProblem(found, key: "targets[0].name", onLineWith: "url: https://a", in: yaml, containing: ["missing name"])
        expectProblem(found, key: "targets[1].name", onLineWith: "name: \"\"", in: yaml, containing: ["must not be empty"])
        expectProblem(found, key: "targets[2].name", onLineWith: "web 03", in: yaml, containing: ["not a valid target name"])
        expectProblem(found, key: "targets[2].url", onLineWith: "web 03", in: yaml, containing: ["missing url"])
    }

    @Test func missingTargets() {
        let found = problems("global: {}\n")
        expectProblem(found, key: "targets", onLineWith: nil, in: "", containing: ["no targets", "targets: []"])
        #expect(found.count == 1)
        #expect(found.first?.line == nil)
        let nullTargets = problems("targets:\n")
        #expect(nullTargets.first?.line == 1)
        #expect(nullTargets.map(\.key) == ["targets"])
    }

    @Test func credentialProblems() {
        let yaml = """
            targets:
              - name: none
                url: https://a.example.com
              - name: both
                url: https://b.example.com
                api_key: k
                basic_auth: {username: admin, password: p}
              - name: twokeys
                url: https://c.example.com
                api_key: k
                api_key_file: /dev/null
              - name: nouser
                url: https://d.example.com
                basic_auth:
                  password: p
              - name: nopass
                url: https://e.example.com
                basic_auth: {username: admin}
              - name: twopass
                url: https://f.example.com
                basic_auth: {username: admin, password: p, password_file: x}
              - name: badkey
                url: https://g.example.com
                api_key: "two words"
            """
        let found = problems(yaml)
        #expect(found.count == 9)
        expectProblem(found, key: "targets[0]", onLineWith: "name: none", in: yaml, containing: ["missing credentials"])
        expectProblem(found, key: "targets[1].basic_auth", onLineWith: "basic_auth: {username: admin, password: p}", in: yaml,
            containing: ["either an API key (api_key or api_key_file) or basic_auth"])
        expectProblem(found, key: "targets[2].api_key_file", onLineWith: "api_key_file", in: yaml,
            containing: ["either api_key or api_key_file"])
        expectProblem(found, key: "targets[3].basic_auth.username", onLineWith: "      password: p", in: yaml,
            containing: ["missing username"])
        expectProblem(found, key: "targets[4].basic_auth.password", onLineWith: "{username: admin}", in: yaml,
            containing: ["missing password"])
        expectProblem(found, key: "targets[5].basic_auth.password_file", onLineWith: "password_file: x", in: yaml,
            containing: ["either password or password_file"])
        expectProblem(found, key: "targets[6].api_key", onLineWith: "two words", in: yaml, containing: ["must not contain spaces"])
    }

    @Test func unreadableFilesNameThePathAndReason() throws {
        let directory = try TemporaryDirectory()
        let yaml = """
            targets:
              - name: web01
                url: https://a.example.com
                api_key_file: missing.key
                tls:
                  ca_file: /nonexistent/ca.pem
              - name: web02
                url: https://b.example.com
                basic_auth: {username: admin, password_file: nope/pass}
            notifications:
              webhooks:
                - url: https://hooks.example.com/x
                  headers_file: hook.headers
            """
        let found = problems(yaml, directory: directory)
        #expect(found.count == 4)
        let reason = "No such file or directory"
        expectProblem(found, key: "targets[0].api_key_file", onLineWith: "missing.key", in: yaml,
            containing: ["cannot read \(directory.path)/missing.key: \(reason)"])
        expectProblem(found, key: "targets[0].tls.ca_file", onLineWith: "ca.pem", in: yaml,
            containing: ["cannot read /nonexistent/ca.pem: \(reason)"])
        expectProblem(found, key: "targets[1].basic_auth.password_file", onLineWith: "nope/pass", in: yaml,
            containing: ["cannot read \(directory.path)/nope/pass: \(reason)"])
        expectProblem(found, key: "notifications.webhooks[0].headers_file", onLineWith: "hook.headers", in: yaml,
            containing: ["cannot read \(directory.path)/hook.headers: \(reason)"])
    }

    @Test func emptySecretFilesAndNonPEMCAFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write("empty.key", "\n")
        try directory.write("ca.pem", "not a certificate\n")
        try directory.write("two.pass", "line one\nline two\n")
        let yaml = """
            targets:
              - name: web01
                url: https://a.example.com
                api_key_file: empty.key
                tls: {ca_file: ca.pem}
              - name: web02
                url: https://b.example.com
                basic_auth: {username: admin, password_file: two.pass}
            """
        let found = problems(yaml, directory: directory)
        #expect(found.count == 3)
        expectProblem(found, key: "targets[0].api_key_file", onLineWith: "empty.key", in: yaml, containing: ["empty.key is empty"])
        expectProblem(found, key: "targets[0].tls.ca_file", onLineWith: "ca.pem", in: yaml, containing: ["contains no PEM certificate"])
        expectProblem(found, key: "targets[1].basic_auth.password_file", onLineWith: "two.pass", in: yaml,
            containing: ["two.pass has more than one line"])
    }

    @Test func tlsProblems() throws {
        let directory = try TemporaryDirectory()
        try directory.write("ca.pem", testCertificatePEM)
        let yaml = """
            targets:
              - name: web01
                url: https://a.example.com
                api_key: k
                tls:
                  fingerprint_sha256: "AB:CD:EF"
              - name: web02
                url: https://b.example.com
                api_key: k
                tls:
                  insecure_skip_verify: true
                  ca_file: ca.pem
              - name: web03
                url: https://c.example.com
                api_key: k
                tls:
                  insecure_skip_verify: true
                  fingerprint_sha256: \(String(repeating: "ab", count: 32))
              - name: web04
                url: https://d.example.com
                api_key: k
                tls: {fingerprint_sha256: "\(String(repeating: "ab", count: 31))zz"}
            """
        let found = problems(yaml, directory: directory)
        #expect(found.count == 4)
        expectProblem(found, key: "targets[0].tls.fingerprint_sha256", onLineWith: "AB:CD:EF", in: yaml,
            containing: ["32 bytes in hex", "\"AB:CD:EF\""])
        let contradictions = found.filter { $0.key.hasSuffix("insecure_skip_verify") }
        #expect(contradictions.map(\.key) == ["targets[1].tls.insecure_skip_verify", "targets[2].tls.insecure_skip_verify"])
        #expect(contradictions.first?.message.contains("contradicts ca_file") == true)
        #expect(contradictions.last?.message.contains("contradicts fingerprint_sha256") == true)
        #expect(contradictions.first?.line == 11)
        expectProblem(found, key: "targets[3].tls.fingerprint_sha256", onLineWith: "zz", in: yaml, containing: ["32 bytes"])
    }

    @Test(arguments: [
        ("ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89", true),
        ("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", true),
        (" abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789 ", true),
        ("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF01234567", false),
        ("ABC:DEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", false),
        ("GG:CD:EF:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89", false),
        ("", false),
    ])
    func fingerprints(text: String, valid: Bool) {
        let normalized = PleskTLSOptions.normalizeFingerprint(text)
        #expect((normalized != nil) == valid)
        if let normalized {
            #expect(normalized == "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")
        }
    }

    @Test func tlsWarnings() throws {
        let directory = try TemporaryDirectory()
        try directory.write("ca.pem", testCertificatePEM)
        let config = try load(
            """
            targets:
              - name: insecure
                url: https://a.example.com
                api_key: k
                tls: {insecure_skip_verify: true}
              - name: both
                url: https://b.example.com
                api_key: k
                tls: {ca_file: ca.pem, fingerprint_sha256: \(String(repeating: "00", count: 32))}
              - name: plain
                url: http://c.example.com
                api_key: k
                tls: {ca_file: ca.pem}
            """, directory: directory)
        #expect(config.warnings.map(\.key) == [
            "targets[0].tls.insecure_skip_verify", "targets[1].tls.ca_file", "targets[2].url", "targets[2].tls",
        ])
    }

    @Test func rangeChecks() {
        let yaml = """
            global:
              concurrency: 0
              max_response_size: 12
              removal_guard:
                max_fraction: 0
                confirm_polls: 0
            targets:
              - name: web01
                url: https://a.example.com
                api_key: k
                concurrency: -1
              - name: web02
                url: https://b.example.com
                api_key: k
            auto_acknowledge: []
            """
        let found = problems(yaml)
        #expect(found.count == 5)
        expectProblem(found, key: "global.concurrency", onLineWith: "concurrency: 0", in: yaml, containing: ["at least 1"])
        expectProblem(found, key: "global.max_response_size", onLineWith: "12", in: yaml, containing: ["at least 1KiB"])
        expectProblem(found, key: "global.removal_guard.max_fraction", onLineWith: "max_fraction", in: yaml,
            containing: ["greater than 0 and at most 1"])
        expectProblem(found, key: "global.removal_guard.confirm_polls", onLineWith: "confirm_polls", in: yaml, containing: ["at least 1"])
        expectProblem(found, key: "targets[0].concurrency", onLineWith: "concurrency: -1", in: yaml, containing: ["at least 1"])

        let tooLarge = problems("global: {removal_guard: {max_fraction: 1.5}}\n\(minimalTarget)")
        #expect(tooLarge.map(\.key) == ["global.removal_guard.max_fraction"])
    }

    @Test func maxFractionOfOneIsAllowed() throws {
        let config = try load("global: {removal_guard: {max_fraction: 1}, max_response_size: 1048576}\n\(minimalTarget)")
        #expect(config.global.removalGuard.maxFraction == 1)
        #expect(config.global.maxResponseBytes == 1 << 20)
    }

    @Test("memory_limit: a size of at least 32MiB; unset means the cgroup's limit, else 1GiB")
    func memoryLimit() throws {
        #expect(try load("global: {memory_limit: 512MiB}\n\(minimalTarget)").global.memoryLimit == 512 << 20)
        let unset = try load(minimalTarget)
        #expect(unset.global.memoryLimit == nil)
        let yaml = "global:\n  memory_limit: 16MiB\n\(minimalTarget)"
        expectProblem(problems(yaml), key: "global.memory_limit", onLineWith: "16MiB", in: yaml, containing: ["at least 32MiB"])
    }

    @Test func labelNames() {
        let yaml = """
            targets:
              - name: web01
                url: https://a.example.com
                api_key: k
                labels:
                  datacenter: fra1
                  1st: x
                  __meta: x
                  with-dash: x
                  target: x
                  le: x
                  empty: ""
            """
        let found = problems(yaml)
        #expect(found.count == 6)
        expectProblem(found, key: "targets[0].labels.1st", onLineWith: "1st", in: yaml, containing: ["not a valid label name"])
        expectProblem(found, key: "targets[0].labels.__meta", onLineWith: "__meta", in: yaml, containing: ["reserved for Prometheus"])
        expectProblem(found, key: "targets[0].labels.with-dash", onLineWith: "with-dash", in: yaml, containing: ["not a valid label name"])
        expectProblem(found, key: "targets[0].labels.target", onLineWith: "target: x", in: yaml, containing: ["already uses"])
        expectProblem(found, key: "targets[0].labels.le", onLineWith: "le: x", in: yaml, containing: ["already uses"])
        expectProblem(found, key: "targets[0].labels.empty", onLineWith: "empty", in: yaml, containing: ["must not be empty"])
    }

    @Test func reservedLabelNamesAreAllRejected() {
        for name in ["target", "hosting_type", "account_type", "status", "object", "change", "result", "reason", "endpoint",
            "domain", "client_login", "hostname", "panel_version", "platform", "le"]
        {
            #expect(ConfigReader.labelNameProblem(name) != nil, "\(name)")
        }
        #expect(ConfigReader.labelNameProblem("datacenter") == nil)
        #expect(ConfigReader.labelNameProblem("_team2") == nil)
    }

    @Test func webhookProblems() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bad.headers", "Authorization Bearer x\nBad Name: y\n")
        let yaml = """
            \(minimalTarget)
            notifications:
              webhooks:
                - url: https://hooks.example.com/a
                  format: xml
                  match: {objects: [domain, reseller], changes: [added, deleted]}
                - format: slack
                - url: https://hooks.example.com/b
                  url_file: hook.url
                - url: https://hooks.example.com/c
                  headers_file: bad.headers
                  match: {objects: client}
            """
        let found = problems(yaml, directory: directory)
        expectProblem(found, key: "notifications.webhooks[0].format", onLineWith: "xml", in: yaml,
            containing: ["one of json, slack", "\"xml\""])
        expectProblem(found, key: "notifications.webhooks[0].match.objects[1]", onLineWith: "reseller", in: yaml,
            containing: ["one of domain, client", "\"reseller\""])
        expectProblem(found, key: "notifications.webhooks[0].match.changes[1]", onLineWith: "deleted", in: yaml,
            containing: ["one of added, removed, modified"])
        expectProblem(found, key: "notifications.webhooks[1].url", onLineWith: "format: slack", in: yaml, containing: ["missing url"])
        expectProblem(found, key: "notifications.webhooks[2].url_file", onLineWith: "url_file", in: yaml,
            containing: ["either url or url_file"])
        let headerProblems = found.filter { $0.key == "notifications.webhooks[3].headers_file" }
        #expect(headerProblems.map(\.message) == [
            "\(directory.path)/bad.headers line 1: expected \"Name: value\"",
            "\(directory.path)/bad.headers line 2: invalid header name",
        ])
        expectProblem(found, key: "notifications.webhooks[3].match.objects", onLineWith: "objects: client", in: yaml,
            containing: ["expected a list"])
    }

    @Test func webhookURLsAreNeverQuoted() {
        let yaml = """
            \(minimalTarget)
            notifications:
              webhooks:
                - url: ftp://hooks.example.com/services/T0/B0/TOKENTOKEN
            """
        let found = problems(yaml)
        expectProblem(found, key: "notifications.webhooks[0].url", onLineWith: "ftp://", in: yaml, containing: ["http:// or https://"])
        #expect(!found.description.contains("TOKENTOKEN"))
    }

    @Test func webhookURLFromFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("hook.url", "https://hooks.example.com/services/T0/B0/TOKEN\n")
        let config = try load(
            """
            \(minimalTarget)
            notifications:
              webhooks:
                - url_file: hook.url
            """, directory: directory)
        #expect(config.notifications.webhooks.first?.url == URL(string: "https://hooks.example.com/services/T0/B0/TOKEN"))
        #expect(config.notifications.webhooks.first?.displayURL == "https://hooks.example.com/…")
    }

    @Test func autoAcknowledgeProblems() {
        let yaml = """
            \(minimalTarget)
            auto_acknowledge:
              - {}
              - {object: mailbox, change: added}
              - {target: web99}
              - {name: "*.test", colour: red}
            """
        let found = problems(yaml)
        #expect(found.count == 4)
        expectProblem(found, key: "auto_acknowledge[0]", onLineWith: "{}", in: yaml, containing: ["every event"])
        expectProblem(found, key: "auto_acknowledge[1].object", onLineWith: "mailbox", in: yaml, containing: ["one of domain, client"])
        expectProblem(found, key: "auto_acknowledge[2].target", onLineWith: "web99", in: yaml, containing: ["no target is named \"web99\""])
        expectProblem(found, key: "auto_acknowledge[3].colour", onLineWith: "colour", in: yaml, containing: ["unknown key"])
    }

    @Test func manyProblemsAreReportedTogetherInFileOrder() throws {
        let directory = try TemporaryDirectory()
        let yaml = """
            global:
              poll_interval: soon
              concurrency: 0
            targets:
              - name: web01
                url: gopher://web01
                api_key_file: nowhere.key
                tls: {ca_file: nowhere.pem, insecure_skip_verify: true}
              - name: web01
                basic_auth: {username: admin}
            storage: {retention: forever}
            metrics: {domain_info: true, extra: 1}
            """
        let found = problems(yaml, directory: directory)
        let keys = found.map(\.key)
        #expect(keys == [
            "global.poll_interval", "global.concurrency", "targets[0].url", "targets[0].api_key_file",
            "targets[0].tls.ca_file", "targets[0].tls.insecure_skip_verify", "targets[1].url", "targets[1].name",
            "targets[1].basic_auth.password", "storage.retention", "metrics.extra",
        ])
        let lines = found.compactMap(\.line)
        #expect(lines == lines.sorted())
        let error = ConfigError(problems: found)
        #expect(error.description.split(separator: "\n").count == found.count)
        #expect(error.description.hasPrefix("test.yml:2: global.poll_interval: expected a duration"))
    }
}
