import AsyncHTTPClient
import Foundation
import HummingbirdBcrypt
import PleskSimulator
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `hash-password`, `check-config --web.config.file` and `serve --web.config.file` (TLS, basic auth, SIGHUP) with
/// the binary.
extension EndToEndTests {
    @Test("hash-password: a hash from standard input that Bcrypt.verify accepts; empty input is refused")
    func hashPassword() async throws {
        let output = try await ChildProcess.run(try exporterBinary(), ["hash-password", "--cost", "4"], stdin: "s3cret pass\n")
        #expect(output.status == 0, "\(output.stderr)")
        let hash = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(Bcrypt.verify("s3cret pass", hash: hash))
        #expect(!output.stdout.contains("s3cret") && !output.stderr.contains("s3cret"))

        for input in ["\n", ""] {
            let empty = try await ChildProcess.run(try exporterBinary(), ["hash-password", "--cost", "4"], stdin: input)
            #expect(empty.status == 1)
            #expect(empty.stdout.isEmpty)
            #expect(empty.stderr.contains("hash-password:"))
        }
        let badCost = try await ChildProcess.run(try exporterBinary(), ["hash-password", "--cost", "40"], stdin: "x\n")
        #expect(badCost.status != 0)
        #expect(badCost.stderr.contains("--cost"))
    }

    @Test("serve --web.config.file: TLS and basic auth; SIGHUP applies a new user table on the same port")
    func serveWithWebConfig() async throws {
        let directory = try TemporaryDirectory()
        let server = try TestCertificates.authorityAndLeaf(authorityName: "Exporter CA")
        try directory.write("tls/exporter.crt", server.leaf.certificatePEM)
        try directory.write("tls/exporter.key", server.leaf.privateKeyPEM)
        let caFile = try directory.write("tls/ca.crt", server.authority.certificatePEM)
        let config = try directory.write("plesk_exporter.yml", "targets: []\n")
        let hashed = try await ChildProcess.run(try exporterBinary(), ["hash-password", "--cost", "4"], stdin: "first\n")
        let first = hashed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let webConfig = try directory.write(
            "web.yml",
            "tls_server_config:\n  cert_file: tls/exporter.crt\n  key_file: tls/exporter.key\n"
                + "basic_auth_users:\n  prometheus: \(first)\n")

        let log = directory.file("serve.log")
        let serve = try ExporterProcess.serve(
            ["--config.file", config, "--storage.path", directory.file("plesk.db"), "--web.config.file", webConfig],
            log: log)
        let port = try await serve.port()

        var configuration = HTTPClient.Configuration(
            certificateVerification: .fullVerification, timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.tlsConfiguration?.trustRoots = .file(caFile)
        try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            func status(_ path: String, _ password: String? = nil) async throws -> (Int, String?) {
                var request = HTTPClientRequest(url: "https://127.0.0.1:\(port)\(path)")
                if let password {
                    let token = Data("prometheus:\(password)".utf8).base64EncodedString()
                    request.headers.add(name: "Authorization", value: "Basic \(token)")
                }
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), response.headers.first(name: "WWW-Authenticate"))
            }

            let denied = try await status("/metrics")
            #expect(denied.0 == 401)
            #expect(denied.1 == #"Basic realm="plesk_exporter""#)
            #expect(try await status("/metrics", "first").0 == 200)
            #expect(try await status("/healthz").0 == 200)

            let second = try await ChildProcess.run(try exporterBinary(), ["hash-password", "--cost", "4"], stdin: "second\n")
            try directory.write(
                "web.yml",
                "tls_server_config:\n  cert_file: tls/exporter.crt\n  key_file: tls/exporter.key\n"
                    + "basic_auth_users:\n  prometheus: \(second.stdout.trimmingCharacters(in: .whitespacesAndNewlines))\n")
            kill(serve.pid, SIGHUP)
            let reloaded = await Self.eventually(within: .seconds(30)) { try await status("/metrics", "second").0 == 200 }
            #expect(reloaded, "\(ChildProcess.output(log).suffix(2000))")
            #expect(try await status("/metrics", "first").0 == 401)
            // Reloaded because of the signal (the 5 s file poll may also have seen the change first).
            let bySignal = await Self.eventually(within: .seconds(10)) { ChildProcess.output(log).contains("SIGHUP") }
            #expect(bySignal, "\(ChildProcess.output(log).suffix(2000))")
            #expect(ChildProcess.output(log).contains("web configuration reloaded"))
            #expect(!ChildProcess.output(log).contains(first))
        }
        #expect(await serve.stop() == 0)
    }

    @Test("serve without --web.config.file: SIGHUP is logged and ignored, the process keeps serving")
    func hangupWithoutWebConfig() async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("plesk_exporter.yml", "targets: []\n")
        let log = directory.file("serve.log")
        let serve = try ExporterProcess.serve(
            ["--config.file", config, "--storage.path", directory.file("plesk.db")], log: log)
        let port = try await serve.port()
        kill(serve.pid, SIGHUP)
        let noticed = await Self.eventually(within: .seconds(30)) { serve.output.contains("nothing to reload") }
        #expect(noticed, "\(serve.output.suffix(2000))")
        try await HTTPClient.withHTTPClient { client in
            let response = try await client.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(10))
            #expect(response.status == .ok)
        }
        #expect(await serve.stop() == 0, "\(serve.output.suffix(2000))")
    }

    @Test("a bad --web.config.file stops serve with file, line and key; check-config reports it too")
    func badWebConfig() async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("plesk_exporter.yml", "targets: []\n")
        let webConfig = try directory.write(
            "web.yml", "basic_auth_users:\n  prometheus: plaintext-password\ntls_server_config:\n  cert_file: missing.crt\n")
        let serve = try await Self.run([
            "serve", "--config.file", config, "--storage.path", directory.file("plesk.db"),
            "--web.listen-address", "127.0.0.1:0", "--web.config.file", webConfig,
        ])
        #expect(serve.status == 2)
        #expect(serve.stderr.contains("\(webConfig):2: basic_auth_users.prometheus: expected a bcrypt hash"))
        #expect(serve.stderr.contains("\(webConfig):4: tls_server_config.cert_file: cannot read"))
        #expect(!serve.stderr.contains("plaintext-password"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("plesk.db")))

        let check = try await Self.run(["check-config", "--config.file", config, "--web.config.file", webConfig])
        #expect(check.status == 1)
        #expect(check.stdout.contains("\(config): OK"))
        #expect(check.stdout.contains("\(webConfig):4: tls_server_config.cert_file"))

        let hash = Bcrypt.hash("pw", cost: 4)
        try directory.write("web.yml", "basic_auth_users:\n  prometheus: \(hash)\n")
        let good = try await Self.run(["check-config", "--config.file", config, "--web.config.file", webConfig])
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("\(webConfig): OK"))
        #expect(good.stdout.contains("basic_auth_users: prometheus"))
        #expect(!good.stdout.contains(hash))
    }
}
