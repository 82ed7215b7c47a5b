import AsyncHTTPClient
import Foundation
import NIOCore
import PleskSimulator
import InventoryModel
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SPEC §5: secrets never appear in logs, metrics, API output or error messages. A scripted run of every command and
/// endpoint with distinctive secrets in the configuration — an API key, a Basic-auth password, webhook headers, a
/// webhook URL with tokens, and credentials of targets that fail (wrong key, wrong password, TLS, connect) so the
/// error paths run too — greps everything the binary wrote: standard output and error of every command at debug
/// level in both log formats, every HTTP body and header, report files, and the raw bytes of the database files.
@Suite("Secrets never leak", .tags(.heavy, .endToEnd))
struct SecretLeakTests {
    /// The secrets and what they are; each distinctive enough that a hit is a leak, not a coincidence.
    static let apiKey = "SECRET-APIKEY-7f3a91c2d4e8"
    static let password = "SECRET-PASS-b81e55a0c3f7"
    static let wrongKey = "SECRET-WRONGKEY-4c2d8e1f9a"
    static let wrongPassword = "SECRET-WRONGPASS-6a9b0c2d1e"
    static let tlsKey = "SECRET-TLSKEY-9e0f1a2b3c"
    static let connectKey = "SECRET-CONNKEY-2b4d6f8a0c"
    static let hookBearer = "SECRET-HOOK-3b7c5d9e1f"
    static let hookToken = "SECRET-HOOKX-8d0e2f4a6b"
    static let urlPathToken = "SECRET-URLTOKEN-5d6e7f8a9b"
    static let urlQueryToken = "SECRET-URLQUERY-8a1b2c3d4e"
    static let deadHookToken = "SECRET-DEADHOOK-1c3e5a7b9d"
    static let createKeyPassword = "SECRET-CAKPASS-0f2e4d6c8b"
    static let badURLToken = "SECRET-BADURL-7e9c1a3b5d"

    static var secrets: [(name: String, value: String)] {
        [
            ("api key (api_key_file)", apiKey), ("basic-auth password (password_file)", password),
            ("wrong api key (${VAR})", wrongKey), ("wrong basic-auth password", wrongPassword),
            ("api key of the TLS-failing target (inline)", tlsKey), ("api key of the unreachable target", connectKey),
            ("webhook Authorization header", hookBearer), ("webhook X-Token header", hookToken),
            ("webhook URL path token (url_file)", urlPathToken), ("webhook URL query token (url_file)", urlQueryToken),
            ("unreachable webhook's URL token", deadHookToken), ("create-api-key password", createKeyPassword),
            ("token of an invalid webhook URL", badURLToken),
            ("base64 of admin:password", Data("admin:\(password)".utf8).base64EncodedString()),
            ("base64 of admin:wrong password", Data("admin:\(wrongPassword)".utf8).base64EncodedString()),
            ("base64 of admin:create-api-key password", Data("admin:\(createKeyPassword)".utf8).base64EncodedString()),
        ]
    }

    /// Everything the binary wrote, by channel.
    final class Channels: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [(channel: String, bytes: Data)] = []

        func add(_ channel: String, _ text: String) { add(channel, Data(text.utf8)) }

        func add(_ channel: String, _ bytes: Data) {
            lock.withLock { texts.append((channel, bytes)) }
        }

        func add(_ channel: String, _ output: ChildProcess.Output) {
            add(channel + " (stdout)", output.stdout)
            add(channel + " (stderr)", output.stderr)
        }

        /// Every file in `folder`, read now.
        func addFiles(in folder: String, _ moment: String) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                if let bytes = try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) {
                    add("file \(name), \(moment) (raw bytes)", bytes)
                }
            }
        }

        var all: [(channel: String, bytes: Data)] { lock.withLock { texts } }
    }

    @Test("no secret in any output, at debug level, in either log format", arguments: ["logfmt", "json"])
    func noSecretAnywhere(logFormat: String) async throws {
        let binary = try exporterBinary()
        let directory = try TemporaryDirectory()
        let channels = Channels()
        let receiver = WebhookReceiver()
        let simulatorConfiguration = {
            var configuration = SimulatedPlesk.quietConfiguration
            configuration.apiKeys = [Self.apiKey]
            configuration.users = ["admin": Self.password]
            return configuration
        }()
        // The receiver's first answer fails, so the delivery's failure path (it logs the webhook) runs too.
        await receiver.answer([.internalServerError])
        try await receiver.withRunning { port in
            try await SimulatedPlesk.withRunning(
                configuration: simulatorConfiguration, inventory: .generate(domains: 30, clients: 8, seed: 5)
            ) { plesk in
                try await Self.scenario(
                    binary: binary, logFormat: logFormat, directory: directory, plesk: plesk, receiverPort: port,
                    receiver: receiver, channels: channels)
            }
        }

        // The database and everything next to it, and the backup, byte for byte (the WAL was read while serve ran
        // and after it was killed).
        channels.addFiles(in: directory.file("data"), "at the end")
        channels.addFiles(in: directory.file("backups"), "backup")
        for moment in ["at the end", "while serve runs", "after SIGKILL"] {
            #expect(channels.all.contains { $0.channel == "file plesk.db, \(moment) (raw bytes)" })
        }
        #expect(channels.all.contains { $0.channel.hasPrefix("file plesk.db-wal") })

        // PLESK_LEAK_TEST_DUMP=<dir> keeps every channel there, to see what was checked.
        if let dump = ProcessInfo.processInfo.environment["PLESK_LEAK_TEST_DUMP"], !dump.isEmpty {
            let folder = dump + "/" + logFormat
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (index, (channel, bytes)) in channels.all.enumerated() {
                let name = String(format: "%03d ", index) + channel.map { $0.isLetter || $0.isNumber ? $0 : "_" }
                try bytes.write(to: URL(fileURLWithPath: folder + "/" + String(name)))
            }
        }

        var leaks: [String] = []
        for (channel, bytes) in channels.all {
            for (name, value) in Self.secrets where bytes.range(of: Data(value.utf8)) != nil {
                leaks.append("\(channel) leaks the \(name)")
                let text = String(decoding: bytes, as: UTF8.self)
                if let range = text.range(of: value) {
                    let line = text[..<range.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
                    leaks.append("    … \(line.suffix(200))\(value)…")
                }
            }
        }
        #expect(leaks.isEmpty, "--log.format \(logFormat):\n\(leaks.joined(separator: "\n"))")
        print("SecretLeakTests: --log.format \(logFormat): \(channels.all.count) channels, "
            + "\(channels.all.reduce(0) { $0 + $1.bytes.count }) bytes checked for \(Self.secrets.count) secrets, "
            + "\(leaks.filter { !$0.hasPrefix(" ") }.count) leaks")
    }

    static func scenario(
        binary: String, logFormat: String, directory: TemporaryDirectory, plesk: SimulatedPlesk, receiverPort: Int,
        receiver: WebhookReceiver, channels: Channels
    ) async throws {
        let fingerprint = plesk.certificateFingerprint ?? ""
        let wrongFingerprint = Array(repeating: "AB", count: 32).joined(separator: ":")
        let keyFile = try directory.write("secrets/web01.key", Self.apiKey + "\n")
        let passwordFile = try directory.write("secrets/web02.pass", Self.password + "\n")
        let wrongPasswordFile = try directory.write("secrets/web05.pass", Self.wrongPassword + "\n")
        let hookHeaders = try directory.write(
            "secrets/hook.headers", "Authorization: Bearer \(Self.hookBearer)\nX-Token: \(Self.hookToken)\n")
        let hookURL = try directory.write(
            "secrets/hook.url",
            "http://127.0.0.1:\(receiverPort)/hooks/\(Self.urlPathToken)?token=\(Self.urlQueryToken)\n")
        // Nothing listens on port 1: every delivery there fails to connect.
        let deadHookURL = try directory.write("secrets/dead.url", "http://127.0.0.1:1/hooks/\(Self.deadHookToken)\n")
        let config = directory.file("plesk_exporter.yml")
        try """
        global:
          poll_interval: 1s
          timeout: 10s
        targets:
          - name: web01
            url: \(plesk.url)
            api_key_file: \(keyFile)
            tls: {fingerprint_sha256: "\(fingerprint)"}
          - name: web02
            url: \(plesk.url)
            basic_auth: {username: admin, password_file: \(passwordFile)}
            tls: {fingerprint_sha256: "\(fingerprint)"}
          - name: web03
            url: \(plesk.url)
            api_key: ${PLESK_LEAK_TEST_KEY}
            tls: {fingerprint_sha256: "\(fingerprint)"}
          - name: web04
            url: \(plesk.url)
            api_key: \(Self.tlsKey)
            tls: {fingerprint_sha256: "\(wrongFingerprint)"}
          - name: web05
            url: \(plesk.url)
            basic_auth: {username: admin, password_file: \(wrongPasswordFile)}
            tls: {fingerprint_sha256: "\(fingerprint)"}
          - name: web06
            url: https://127.0.0.1:1
            api_key: \(Self.connectKey)
        notifications:
          webhooks:
            - url_file: \(hookURL)
              format: json
              headers_file: \(hookHeaders)
            - url_file: \(deadHookURL)
              format: slack
              headers_file: \(hookHeaders)
        """.write(toFile: config, atomically: true, encoding: .utf8)
        // A configuration with mistakes next to the secrets: both key forms, a URL of the wrong scheme holding a
        // token, an unknown key beside a password.
        let badURL = try directory.write("secrets/bad.url", "ftp://hooks.example/\(Self.badURLToken)?t=\(Self.badURLToken)\n")
        let badConfig = directory.file("bad.yml")
        try """
        global: {poll_interval: 1s}
        targets:
          - name: web01
            url: \(plesk.url)
            api_key: \(Self.apiKey)
            api_key_file: \(keyFile)
          - name: web02
            url: https://admin:\(Self.password)@127.0.0.1:8443
            basic_auth: {username: admin, password: \(Self.password), pasword: \(Self.wrongPassword)}
          - name: web03
            url: \(plesk.url)
            api_key: \(Self.wrongKey) \(Self.tlsKey)
        notifications:
          webhooks:
            - url_file: \(badURL)
            - url: http://user:\(Self.hookToken)@127.0.0.1:1/\(Self.deadHookToken)
              headers_file: \(hookHeaders)
        """.write(toFile: badConfig, atomically: true, encoding: .utf8)

        let environment = ["PLESK_LEAK_TEST_KEY": Self.wrongKey]
        let logging = ["--log.level", "debug", "--log.format", logFormat]
        let database = directory.file("data/plesk.db")
        let common = ["--config.file", config, "--storage.path", database] + logging
        let storage = ["--storage.path", database] + logging
        func run(_ name: String, _ arguments: [String], stdin: String? = nil, extra: [String: String] = [:])
            async throws -> ChildProcess.Output
        {
            let output = try await ChildProcess.run(
                binary, arguments, environment: environment.merging(extra) { _, new in new }, stdin: stdin)
            channels.add(name, output)
            return output
        }

        // Configuration checks, good and bad.
        let check = try await run("check-config", ["check-config", "--config.file", config] + logging)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let badCheck = try await run("check-config of a broken config", ["check-config", "--config.file", badConfig] + logging)
        #expect(badCheck.status == 1, "\(badCheck.stdout)\(badCheck.stderr)")
        let badPoll = try await run(
            "poll with a broken config", ["poll", "--config.file", badConfig, "--storage.path", database] + logging)
        #expect(badPoll.status == 2, "\(badPoll.stderr)")
        let noEnvironment = try await ChildProcess.run(
            binary, ["check-config", "--config.file", config] + logging, environment: ["PLESK_LEAK_TEST_KEY": ""])
        channels.add("check-config with the key's variable empty", noEnvironment)

        // A poll: two targets succeed, four fail (auth twice, TLS, connect) and exit 1.
        let poll = try await run("poll", ["poll"] + common)
        #expect(poll.status == 1, "\(poll.stdout)\(poll.stderr)")
        for reason in ["auth", "tls", "connect"] { #expect(poll.stdout.contains(reason), "\(poll.stdout)") }
        #expect(poll.stdout.contains("baseline recorded"), "\(poll.stdout)")

        // serve: every endpoint, a change delivered to the webhook (with its secret headers), the failing webhook
        // retried, then SIGTERM; then once more, killed.
        let log = directory.file("serve.log")
        let serve = try ExporterProcess.serve(common, log: log, environment: environment)
        let exporterPort = try await serve.port(matching: Self.portPattern)
        let base = "http://127.0.0.1:\(exporterPort)"
        let upAll = await EndToEndTests.eventually(within: .seconds(60)) {
            let metrics = try await Self.get(base + "/metrics").body
            return metrics.contains(#"plesk_up{target="web01"} 1"#) && metrics.contains(#"plesk_up{target="web02"} 1"#)
                && metrics.contains(#"plesk_poll_errors_total{target="web04",reason="tls"} "#)
        }
        #expect(upAll, "\(ChildProcess.output(log).suffix(3000))")
        try plesk.addClient(login: "leak-test-customer")
        try plesk.addDomain("leak-test.example")
        let delivered = await eventually(within: .seconds(60)) {
            let requests = await receiver.requests
            return requests.count >= 3
                && requests.contains { $0.headers["authorization"] == "Bearer \(Self.hookBearer)" }
                && ChildProcess.output(log).contains("webhook delivery failed")
        }
        #expect(delivered, "\(ChildProcess.output(log).suffix(3000))")
        // The secrets were used: the headers reached the receiver, on the path of the url_file.
        let request = try #require(await receiver.requests.first)
        #expect(request.headers["x-token"] == Self.hookToken)
        var paths = [
            "/metrics", "/", "/healthz", "/readyz", "/api/v1/targets", "/api/v1/polls", "/api/v1/polls?limit=1000",
            "/api/v1/events", "/api/v1/events?include_baseline=true&limit=1000", "/api/v1/inventory",
            "/api/v1/inventory?target=web02&object=client", "/api/v1/history", "/api/v1/report",
            "/api/v1/openapi.json", "/api/v1/nope", "/api/v1/events?limit=abc", "/api/v1/events?target=web01&since=x",
            "/api/v1/report?format=nope",
        ]
        paths += ["markdown", "csv", "json", "html"].map { "/api/v1/report?format=\($0)" }
        for path in paths {
            let response = try await Self.get(base + path)
            channels.add("GET \(path)", response.head + "\n" + response.body)
        }
        let gzip = try await Self.get(base + "/metrics", headers: ["Accept-Encoding": "gzip"])
        channels.add("GET /metrics (gzip, headers)", gzip.head)
        let ack = try await Self.post(base + "/api/v1/events/ack", body: #"{"by":"tester"}"#)
        channels.add("POST /api/v1/events/ack", ack.head + "\n" + ack.body)
        channels.addFiles(in: directory.file("data"), "while serve runs")
        #expect(await serve.stop() == 0, "\(serve.output.suffix(2000))")
        channels.add("serve log, stopped by SIGTERM", ChildProcess.output(log))
        #expect(ChildProcess.output(log).contains(logFormat == "json" ? #""level":"debug""# : "level=debug"))

        let killedLog = directory.file("killed.log")
        let killed = try ExporterProcess.serve(common, log: killedLog, environment: environment)
        _ = try await killed.port(matching: Self.portPattern)
        _ = await eventually(within: .seconds(30)) {
            ChildProcess.output(killedLog).contains("webhook delivery failed")
        }
        await killed.stop(SIGKILL)
        channels.add("serve log, killed by SIGKILL", ChildProcess.output(killedLog))
        channels.addFiles(in: directory.file("data"), "after SIGKILL")

        // The commands that read and write the database.
        try plesk.addClient(login: "leak-test-second")
        _ = try await run("poll --format json", ["poll", "--format", "json"] + common)
        _ = try await run("events", ["events"] + storage)
        _ = try await run("events --format json --include-baseline", ["events", "--format", "json", "--include-baseline"] + storage)
        for format in ["table", "json", "csv"] {
            _ = try await run("inventory --format \(format)", ["inventory", "--format", format] + storage)
        }
        for format in ["markdown", "csv", "json", "html"] {
            let report = try await run("report --format \(format)", ["report", "--format", format] + storage)
            #expect(report.status == 0, "\(report.stderr)")
            let file = directory.file("report.\(format)")
            _ = try await run("report --output (\(format))", ["report", "--format", format, "--output", file] + storage)
            channels.add("report file (\(format))", (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data())
        }
        try FileManager.default.createDirectory(atPath: directory.file("backups"), withIntermediateDirectories: true)
        let backup = try await run(
            "backup", ["backup", "--output", directory.file("backups/copy.db")] + storage)
        #expect(backup.status == 0, "\(backup.stderr)")
        _ = try await run("ack", ["ack", "--all", "--by", "tester"] + storage)

        // create-api-key: a wrong password (the error path) from the environment, the right one on stdin.
        let createArguments = ["create-api-key", "--url", plesk.url, "--tls.insecure-skip-verify"] + logging
        plesk.setUser("admin", password: Self.createKeyPassword)
        let refused = try await run(
            "create-api-key with a wrong password", createArguments, extra: ["PLESK_PASSWORD": Self.wrongPassword])
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        let created = try await run("create-api-key", createArguments, stdin: Self.createKeyPassword + "\n")
        #expect(created.status == 0, "\(created.stdout)\(created.stderr)")
    }

    /// The bound port in the `listening` line, logfmt (`port=123`) or JSON (`"port":"123"`).
    static let portPattern = #"\bport"?[=:]"?(\d+)"#

    static func get(_ url: String, headers: [String: String] = [:]) async throws -> (head: String, body: String) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return try await execute(request)
    }

    static func post(_ url: String, body: String) async throws -> (head: String, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        return try await execute(request)
    }

    private static func execute(_ request: HTTPClientRequest) async throws -> (head: String, body: String) {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let head = "\(response.status.code)\n" + response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        return (head, String(buffer: body))
    }
}
