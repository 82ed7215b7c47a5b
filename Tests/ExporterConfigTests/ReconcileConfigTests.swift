import ExporterConfig
import Foundation
import InventoryModel
import PleskAPI
import TestSupport
import Testing

@Suite("Config: expected sources and reconcile")
struct ReconcileConfigTests {
    static func load(_ yaml: String) throws -> (ExporterConfiguration, String) {
        let directory = try TemporaryDirectory()
        let path = directory.file("plesk_exporter.yml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return (try ConfigLoader.load(path: path), directory.path)
    }

    static let targets = """
        targets:
          - name: web01
            url: https://web01.example.com:8443
            api_key: k
        """

    @Test("sources with renamed columns and intervals; waivers; guard settings")
    func full() throws {
        let (config, directory) = try Self.load(
            Self.targets + """

                expected:
                  - name: billing
                    file: billing.csv
                    columns: {subscription: Domain, plan: Product}
                  - name: other
                    file: /srv/other.csv
                    interval: 5m
                reconcile:
                  max_shrink: 0.5
                  confirm_reads: 2
                  waive:
                    - {kind: unbilled, subscription: "*.Internal.example"}
                    - {target: web01, kind: owner_mismatch}
                """)
        #expect(
            config.expected == [
                ExpectedSourceConfiguration(
                    name: "billing", file: directory + "/billing.csv", columns: ["subscription": "Domain", "plan": "Product"]),
                ExpectedSourceConfiguration(name: "other", file: "/srv/other.csv", interval: .seconds(300)),
            ])
        #expect(config.reconcile.maxShrink == 0.5)
        #expect(config.reconcile.confirmReads == 2)
        #expect(
            config.reconcile.waivers == [
                FindingWaiver(kind: .unbilled, subscription: "*.internal.example"),
                FindingWaiver(kind: .ownerMismatch, target: "web01"),
            ])
        #expect(config.reconcile.isWaived(Finding(kind: .unbilled, target: "web01", subscription: "test.internal.example")))
        #expect(!config.reconcile.isWaived(Finding(kind: .missing, target: "web01", subscription: "test.internal.example")))
        #expect(config.reconcile.isWaived(Finding(kind: .ownerMismatch, target: "web01", subscription: "a.example")))
        #expect(!config.reconcile.isWaived(Finding(kind: .ownerMismatch, target: "", subscription: "a.example")))
    }

    @Test("a webhook of findings only: match.events false, match.findings kinds")
    func findingWebhook() throws {
        let (config, _) = try Self.load(
            Self.targets + """

                notifications:
                  webhooks:
                    - url: https://hooks.example.com/billing
                      match: {events: false, findings: [unbilled, missing]}
                    - url: https://hooks.example.com/all
                """)
        #expect(config.notifications.webhooks.map(\.match) == [
            EventMatch(events: false, findings: [.unbilled, .missing]), EventMatch(),
        ])
        let error = #expect(throws: ConfigError.self) {
            try Self.load(
                Self.targets + "\nnotifications:\n  webhooks:\n    - {url: https://h.example/x, match: {findings: [unpaid]}}\n")
        }
        #expect(error?.problems.contains { $0.key.contains("findings") && $0.message.contains("unpaid") } == true)
    }

    @Test("a CSV over HTTPS with headers, TLS and a timeout; WHMCS with credential files; default intervals")
    func remoteKinds() throws {
        let directory = try TemporaryDirectory()
        let headers = try directory.write("billing.headers", "# token\nAuthorization: Bearer abc123\n")
        let identifier = try directory.write("whmcs.id", "ident-1\n")
        let secret = try directory.write("whmcs.secret", "secret-2\n")
        for path in [headers, identifier, secret] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        let (config, _) = try Self.load(
            Self.targets + """

                expected:
                  - name: export
                    url: https://billing.example.com/export.csv
                    headers_file: \(headers)
                    tls: {fingerprint_sha256: "\(String(repeating: "ab", count: 32))"}
                    timeout: 10s
                  - name: whmcs
                    whmcs:
                      url: https://billing.example.com/includes/api.php
                      identifier_file: \(identifier)
                      secret_file: \(secret)
                      tls: {insecure_skip_verify: true}
                  - name: whmcs-hourly
                    interval: 1h
                    whmcs: {url: "https://b.example/whmcs/includes/api.php", identifier_file: \(identifier), secret_file: \(secret)}
                  - name: whmcs-inner
                    whmcs: {url: "https://b.example/includes/api.php", identifier_file: \(identifier), secret_file: \(secret), interval: 5m}
                """)
        #expect(config.expected.count == 4)
        guard config.expected.count == 4 else { return }
        let export = config.expected[0]
        #expect(export.interval == .seconds(900))
        guard case .url(let url) = export.kind else {
            Issue.record("not a url source: \(export.kind)")
            return
        }
        #expect(url.url.absoluteString == "https://billing.example.com/export.csv")
        #expect(url.headers == [WebhookHeader(name: "Authorization", value: Secret("Bearer abc123"))])
        #expect(url.headersFile == headers)
        #expect(url.tls.fingerprintSHA256 == PleskTLSOptions.normalizeFingerprint(String(repeating: "ab", count: 32)))
        #expect(url.timeout == .seconds(10))
        guard case .whmcs(let whmcs) = config.expected[1].kind else {
            Issue.record("not a whmcs source")
            return
        }
        #expect(config.expected[1].interval == .seconds(900))
        #expect(whmcs.url.absoluteString == "https://billing.example.com/includes/api.php")
        #expect(whmcs.identifier == Secret("ident-1"))
        #expect(whmcs.secret == Secret("secret-2"))
        #expect(whmcs.identifierFile == identifier)
        #expect(whmcs.tls.insecureSkipVerify)
        #expect(whmcs.timeout == .seconds(30))
        #expect(config.expected[2].interval == .seconds(3600))
        #expect(config.expected[3].interval == .seconds(300))
        #expect(!"\(config.expected)".contains("secret-2"))
        #expect(!"\(config.expected)".contains("abc123"))
        // check-config's summary: every source with its effective settings, no secret.
        let summary = config.redactedSummary()
        let lines = summary.split(separator: "\n").map(String.init)
        #expect(lines.contains("expected: 4 source(s)"))
        #expect(lines.contains {
            $0.hasPrefix("  export: url https://billing.example.com/… tls=pinned sha256 ")
                && $0.hasSuffix("timeout=10s headers=Authorization (from \(headers)) interval=15m")
        })
        #expect(lines.contains(
            "  whmcs: whmcs https://billing.example.com/… tls=insecure_skip_verify timeout=30s credential from "
                + "\(identifier), \(secret) interval=15m"))
        #expect(lines.contains("reconcile: max_shrink=0.2 confirm_reads=3 waivers=0"))
        #expect(!summary.contains("secret-2") && !summary.contains("ident-1") && !summary.contains("abc123"))
        #expect(!summary.contains("export.csv"))
    }

    @Test(
        "mistakes in url and whmcs sources name the key",
        arguments: [
            ("expected:\n  - {name: a, url: https://x.example/a.csv, whmcs: {url: https://x.example/includes/api.php}}\n",
                "expected[0].whmcs"),
            ("expected:\n  - {name: a, file: a.csv, whmcs: {}}\n", "expected[0].whmcs"),
            ("expected:\n  - {name: a, url: ftp://x.example/a.csv}\n", "expected[0].url"),
            ("expected:\n  - {name: a, url: \"https://u:p@x.example/a.csv\"}\n", "expected[0].url"),
            ("expected:\n  - {name: a, url: https://x.example/a.csv, headers_file: /nonexistent/h}\n",
                "expected[0].headers_file"),
            ("expected:\n  - {name: a, url: https://x.example/a.csv, tls: {fingerprint_sha256: nope}}\n",
                "expected[0].tls.fingerprint_sha256"),
            ("expected:\n  - {name: a, url: https://x.example/a.csv, timeout: 0s}\n", "expected[0].timeout"),
            ("expected:\n  - {name: a, file: a.csv, headers_file: h}\n", "expected[0].headers_file"),
            ("expected:\n  - {name: a, file: a.csv, tls: {}}\n", "expected[0].tls"),
            ("expected:\n  - {name: a, whmcs: {url: https://x.example/includes/api.php}, timeout: 5s}\n",
                "expected[0].timeout"),
            ("expected:\n  - {name: a, whmcs: {identifier_file: /nonexistent/i, secret_file: /nonexistent/s}}\n",
                "expected[0].whmcs.url"),
            ("expected:\n  - {name: a, whmcs: {url: https://x.example/api.php}}\n", "expected[0].whmcs.url"),
            ("expected:\n  - {name: a, whmcs: {url: https://x.example/includes/api.php}}\n",
                "expected[0].whmcs.identifier_file"),
            ("expected:\n  - {name: a, whmcs: {url: https://x.example/includes/api.php}}\n",
                "expected[0].whmcs.secret_file"),
            ("expected:\n  - {name: a, whmcs: {url: https://x.example/includes/api.php, identifier_file: /nonexistent/i}}\n",
                "expected[0].whmcs.identifier_file"),
            ("expected:\n  - {name: a, whmcs: {url: https://x.example/includes/api.php, api_key: k}}\n",
                "expected[0].whmcs.api_key"),
            ("expected:\n  - {name: a, interval: 1m, whmcs: {url: https://x.example/includes/api.php, interval: 5m}}\n",
                "expected[0].interval"),
            ("expected:\n  - {name: a, whmcs: https://x.example/includes/api.php}\n", "expected[0].whmcs"),
        ])
    func remoteProblems(yaml: String, key: String) throws {
        let error = #expect(throws: ConfigError.self) { try Self.load(Self.targets + "\n" + yaml) }
        #expect(error?.problems.contains { $0.key == key } == true, "\(error?.problems.map(\.key) ?? [])")
    }

    @Test("an empty credential file is refused, and its content is never in the message")
    func emptyCredential() throws {
        let directory = try TemporaryDirectory()
        let identifier = try directory.write("whmcs.id", "\n")
        let secret = try directory.write("whmcs.secret", "line-one\nline-two\n")
        for path in [identifier, secret] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        let error = #expect(throws: ConfigError.self) {
            try Self.load(
                Self.targets + """

                    expected:
                      - name: w
                        whmcs: {url: https://x.example/includes/api.php, identifier_file: \(identifier), secret_file: \(secret)}
                    """)
        }
        let keys = error?.problems.map(\.key) ?? []
        #expect(keys.contains("expected[0].whmcs.identifier_file"), "\(keys)")
        #expect(keys.contains("expected[0].whmcs.secret_file"), "\(keys)")
        let messages = (error?.problems ?? []).map(\.message).joined(separator: "\n")
        #expect(messages.contains("on one line"))
        #expect(messages.range(of: "line-one") == nil)
    }

    @Test("none configured: no sources, default settings")
    func defaults() throws {
        let (config, _) = try Self.load(Self.targets)
        #expect(config.expected.isEmpty)
        #expect(config.reconcile == ReconcileSettings())
    }

    @Test(
        "mistakes name the key and line",
        arguments: [
            ("expected:\n  - file: a.csv\n", "expected[0].name"),
            ("expected:\n  - name: a\n", "expected[0].file"),
            ("expected:\n  - {name: a, file: a.csv}\n  - {name: a, file: b.csv}\n", "expected[1].name"),
            ("expected:\n  - {name: a, file: a.csv, url: https://x}\n", "expected[0].url"),
            ("expected:\n  - {name: a, file: a.csv, columns: {domain: Domain}}\n", "expected[0].columns.domain"),
            ("reconcile:\n  waive:\n    - {kind: unpaid}\n", "reconcile.waive[0].kind"),
            ("reconcile:\n  waive:\n    - {target: web09}\n", "reconcile.waive[0].target"),
            ("reconcile:\n  waive:\n    - {}\n", "reconcile.waive[0]"),
            ("reconcile:\n  max_shrink: 0\n", "reconcile.max_shrink"),
            ("reconcile:\n  confirm_reads: 0\n", "reconcile.confirm_reads"),
        ])
    func problems(yaml: String, key: String) throws {
        let error = #expect(throws: ConfigError.self) { try Self.load(Self.targets + "\n" + yaml) }
        #expect(error?.problems.contains { $0.key == key } == true, "\(error?.problems.map(\.key) ?? [])")
    }
}
