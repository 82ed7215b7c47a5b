import Foundation
import TestSupport
import Testing

@testable import ExporterConfig

/// Secrets must never reach messages, descriptions or the summary.
@Suite struct SecretRedactionTests {
    static let marker = "SUPERSECRET"

    @Test func secretsNeverAppearInProblems() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pass", "\(Self.marker)-file-password\nsecond line \(Self.marker)\n")
        try directory.write("key", "\(Self.marker) key with spaces\n")
        try directory.write("hook.headers", "Authorization: Bearer \(Self.marker)\nbroken \(Self.marker) line\n")
        try directory.write("hook.url", "ftp://hooks.example.com/\(Self.marker)\n")
        let yaml = """
            global:
              poll_interval: nope
            targets:
              - name: web01
                url: https://admin:\(Self.marker)@web01.example.com
                api_key: "\(Self.marker) with spaces"
                tls: {insecure_skip_verify: true, fingerprint_sha256: xx}
              - name: web02
                url: https://web02.example.com
                basic_auth: {username: admin, password: "\(Self.marker)\\nx", password_file: pass}
              - name: web03
                url: https://web03.example.com
                api_key_file: key
              - name: web04
                url: https://web04.example.com
                api_key: ${SECRET_KEY}
                poll_interval: ${SECRET_KEY}
                unknown: \(Self.marker)
            notifications:
              webhooks:
                - url: https://hooks.example.com/\(Self.marker) with space
                  headers_file: hook.headers
                - url_file: hook.url
            """
        let found = problems(yaml, environment: ["SECRET_KEY": "\(Self.marker)-env"], directory: directory)
        #expect(found.count >= 10)
        let text = ConfigError(problems: found).description + "\n" + String(reflecting: ConfigError(problems: found))
        #expect(!text.contains(Self.marker), "\(text)")
    }

    @Test func yamlSyntaxErrorsDoNotQuoteTheLine() {
        let yaml = """
            targets:
              - name: web01
                api_key: \(Self.marker): oops
            """
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(!found.description.contains(Self.marker))
    }

    @Test func duplicateKeyErrorsDoNotQuoteTheFile() {
        let yaml = """
            targets:
              - name: web01
                api_key: \(Self.marker)
                api_key: \(Self.marker)
            """
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(!found.description.contains(Self.marker))
    }

    @Test func loadedConfigurationNeverPrintsSecrets() throws {
        let directory = try TemporaryDirectory()
        try directory.write("hook.headers", "Authorization: Bearer \(Self.marker)-header\n")
        let config = try load(
            """
            targets:
              - name: web01
                url: https://web01.example.com:8443
                api_key: \(Self.marker)-key
              - name: web02
                url: https://web02.example.com:8443
                basic_auth: {username: admin, password: \(Self.marker)-password}
            notifications:
              webhooks:
                - url: https://hooks.slack.com/services/\(Self.marker)-token
                  format: slack
                  headers_file: hook.headers
            """, directory: directory)
        #expect(config.targets[0].credentials == .apiKey(Secret("\(Self.marker)-key")))
        var dumped = ""
        dump(config, to: &dumped)
        for text in [config.redactedSummary(), String(describing: config), String(reflecting: config), dumped] {
            #expect(!text.contains(Self.marker), "\(text)")
        }
        #expect("\(Secret("x"))" == "<secret>")
        #expect(String(reflecting: Secret("x")) == "<secret>")
        #expect(Credentials.basic(username: "admin", password: Secret("x")).description == "basic_auth(admin, <secret>)")
    }
}
