import Foundation
import TestSupport
import Testing

@testable import ExporterConfig

/// Well-formed bcrypt hashes (cost 4) in the three accepted spellings; only their form matters here.
let sampleHash2b = "$2b$04$IrSX0A2TmQkHW1Y.9QEYPeVXGNtvptCGzl4vTWHZ0RXgNq1mTVJZe"
let sampleHash2a = "$2a$04$IrSX0A2TmQkHW1Y.9QEYPeVXGNtvptCGzl4vTWHZ0RXgNq1mTVJZe"
let sampleHash2y = "$2y$04$IrSX0A2TmQkHW1Y.9QEYPeVXGNtvptCGzl4vTWHZ0RXgNq1mTVJZe"

@Suite("--web.config.file parsing")
struct WebConfigLoaderTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write("tls/server.crt", testCertificatePEM)
        try directory.write("tls/server.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        try directory.write("tls/ca.crt", testCertificatePEM)
        try directory.write("tls/not-pem.txt", "hello\n")
    }

    func parse(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> WebConfiguration {
        do {
            return try WebConfigLoader.parse(yaml: yaml, file: "web.yml", baseDirectory: directory.path)
        } catch {
            Issue.record("unexpected problems:\n\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    func problems(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigProblem] {
        do {
            _ = try WebConfigLoader.parse(yaml: yaml, file: "web.yml", baseDirectory: directory.path)
            Issue.record("expected the web configuration to be rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            #expect(error.problems.allSatisfy { $0.file == "web.yml" }, sourceLocation: sourceLocation)
            return error.problems
        }
    }

    @Test("a full exporter-toolkit file: relative paths, client CA, versions and users")
    func fullFile() throws {
        let configuration = try parse(
            """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: \(directory.file("tls/server.key"))
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: tls/ca.crt
              min_version: TLS13
              max_version: TLS13
            basic_auth_users:
              prometheus: \(sampleHash2b)
              alice: '\(sampleHash2y)'
              bob: "\(sampleHash2a)"
            """)
        let tls = try #require(configuration.tls)
        #expect(tls.certFile.path == directory.file("tls/server.crt"))
        #expect(tls.certFile.location == ConfigLocation(file: "web.yml", line: 2, column: 14, key: "tls_server_config.cert_file"))
        #expect(tls.keyFile.path == directory.file("tls/server.key"))
        #expect(tls.clientAuth == .requireAndVerifyClientCert)
        #expect(tls.clientCAFile?.path == directory.file("tls/ca.crt"))
        #expect(tls.minVersion == .tls13)
        #expect(tls.maxVersion == .tls13)
        #expect(configuration.users.map(\.name) == ["alice", "bob", "prometheus"])
        // Values are taken literally: no ${VAR} expansion, the $ of a hash survive.
        #expect(configuration.users.map(\.passwordHash.value) == [sampleHash2y, sampleHash2a, sampleHash2b])
        #expect(configuration.users.first?.location.line == 10)
        #expect(configuration.referencedFiles.count == 3)
        #expect(configuration.warnings.isEmpty)
        let summary = configuration.summary()
        #expect(summary.contains("client_auth_type=RequireAndVerifyClientCert"))
        #expect(summary.contains("basic_auth_users: alice, bob, prometheus"))
        #expect(!summary.contains("$2"))
    }

    @Test("defaults: NoClientCert, TLS 1.2 minimum, no maximum; an empty file or tls_server_config is plain HTTP")
    func defaults() throws {
        let tls = try #require(try parse("tls_server_config: {cert_file: tls/server.crt, key_file: tls/server.key}").tls)
        #expect(tls.clientAuth == .noClientCert)
        #expect(tls.minVersion == .tls12)
        #expect(tls.maxVersion == nil)
        for yaml in ["", "# nothing\n", "tls_server_config: {}\n", "tls_server_config:\nbasic_auth_users:\n"] {
            let configuration = try parse(yaml)
            #expect(configuration.tls == nil)
            #expect(configuration.users.isEmpty)
        }
    }

    @Test("unknown keys are refused with the line, the key and a hint")
    func unknownKeys() {
        let yaml = """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
              client_auth_tpye: RequireAndVerifyClientCert
            basic_auth_user:
              prometheus: \(sampleHash2b)
            """
        let found = problems(yaml)
        #expect(found.count == 2)
        expectProblem(
            found, key: "tls_server_config.client_auth_tpye", onLineWith: "client_auth_tpye:", in: yaml,
            containing: ["unknown key \"client_auth_tpye\"", "did you mean \"client_auth_type\""])
        expectProblem(
            found, key: "basic_auth_user", onLineWith: "basic_auth_user:", in: yaml,
            containing: ["did you mean \"basic_auth_users\""])
    }

    @Test("exporter-toolkit settings this server cannot honour are refused, not ignored")
    func unsupportedSettings() {
        let yaml = """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
              cipher_suites: [TLS_AES_128_GCM_SHA256]
              client_allowed_sans: [prometheus]
            http_server_config:
              http2: false
            """
        let found = problems(yaml)
        #expect(found.count == 3)
        for (key, line) in [
            ("tls_server_config.cipher_suites", "cipher_suites"), ("tls_server_config.client_allowed_sans", "sans"),
            ("http_server_config", "http_server_config"),
        ] {
            expectProblem(found, key: key, onLineWith: line, in: yaml, containing: ["not supported by plesk_exporter"])
        }
    }

    @Test("bad values name the key and the allowed values")
    func badValues() {
        let yaml = """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
              client_auth_type: RequireClientCert
              min_version: TLS14
              max_version: [TLS13]
            """
        let found = problems(yaml)
        #expect(found.count == 3)
        expectProblem(
            found, key: "tls_server_config.client_auth_type", onLineWith: "RequireClientCert", in: yaml,
            containing: ["one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven"])
        expectProblem(
            found, key: "tls_server_config.min_version", onLineWith: "TLS14", in: yaml,
            containing: ["one of TLS10, TLS11, TLS12, TLS13", "\"TLS14\""])
        expectProblem(found, key: "tls_server_config.max_version", onLineWith: "max_version", in: yaml, containing: ["found a list"])
    }

    @Test("max_version older than min_version")
    func versionOrder() {
        let yaml = """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
              max_version: TLS11
            """
        expectProblem(
            problems(yaml), key: "tls_server_config.max_version", onLineWith: "TLS11", in: yaml,
            containing: ["older than min_version TLS12"])
    }

    @Test("missing, unreadable and non-PEM files")
    func files() {
        let yaml = """
            tls_server_config:
              cert_file: tls/missing.crt
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: tls/not-pem.txt
            """
        let found = problems(yaml)
        #expect(found.count == 3)
        expectProblem(
            found, key: "tls_server_config.cert_file", onLineWith: "missing.crt", in: yaml,
            containing: ["cannot read \(directory.file("tls/missing.crt"))", "No such file"])
        expectProblem(
            found, key: "tls_server_config.key_file", onLineWith: "tls_server_config", in: yaml,
            containing: ["missing", "cert_file and key_file"])
        expectProblem(
            found, key: "tls_server_config.client_ca_file", onLineWith: "not-pem", in: yaml,
            containing: ["contains no PEM certificate"])
    }

    @Test("a verifying client_auth_type needs client_ca_file; a client_ca_file needs a client_auth_type")
    func clientAuthNeedsCA() {
        for type in ["RequireAndVerifyClientCert", "VerifyClientCertIfGiven"] {
            let yaml = """
                tls_server_config:
                  cert_file: tls/server.crt
                  key_file: tls/server.key
                  client_auth_type: \(type)
                """
            expectProblem(
                problems(yaml), key: "tls_server_config.client_auth_type", onLineWith: type, in: yaml,
                containing: ["\(type) verifies client certificates", "client_ca_file"])
        }
        let yaml = """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
              client_ca_file: tls/ca.crt
            """
        expectProblem(
            problems(yaml), key: "tls_server_config.client_ca_file", onLineWith: "ca.crt", in: yaml,
            containing: ["client_auth_type is NoClientCert"])
        // Requesting without verifying needs no CA, as in Go.
        #expect(
            (try? WebConfigLoader.parse(
                yaml: "tls_server_config: {cert_file: tls/server.crt, key_file: tls/server.key, "
                    + "client_auth_type: RequireAnyClientCert}", file: "web.yml", baseDirectory: directory.path))?
                .tls?.clientAuth == .requireAnyClientCert)
    }

    @Test(
        "a value that is not a bcrypt hash is refused without being shown",
        arguments: [
            "hunter2", "$2x$04$IrSX0A2TmQkHW1Y.9QEYPeVXGNtvptCGzl4vTWHZ0RXgNq1mTVJZe",
            "$2b$03$IrSX0A2TmQkHW1Y.9QEYPeVXGNtvptCGzl4vTWHZ0RXgNq1mTVJZe",
            "$2b$04$IrSX0A2TmQkHW1Y.9QEYPeVXGNtvptCGzl4vTWHZ0RXgNq1mTVJZ",
            "$2b$04$IrSX0A2TmQkHW1Y.9QEYPeVXGNtvptCGzl4vTWHZ0RXgNq1mTVJZ!",
            "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=",
        ])
    func notBcrypt(value: String) {
        let yaml = """
            basic_auth_users:
              prometheus: '\(value)'
            """
        let found = problems(yaml)
        let problem = expectProblem(
            found, key: "basic_auth_users.prometheus", onLineWith: "prometheus", in: yaml,
            containing: ["expected a bcrypt hash", "plesk_exporter hash-password"])
        #expect(problem?.description.contains(value) == false)
    }

    @Test("basic_auth_users must be a mapping of usable names")
    func userShapes() {
        let list = "basic_auth_users:\n  - prometheus\n"
        expectProblem(
            problems(list), key: "basic_auth_users", onLineWith: "- prometheus", in: list,
            containing: ["expected a mapping of user names to bcrypt hashes", "found a list"])
        let colon = "basic_auth_users:\n  'a:b': \(sampleHash2b)\n  empty:\n"
        let found = problems(colon)
        #expect(found.count == 2)
        expectProblem(found, key: "basic_auth_users.a:b", onLineWith: "a:b", in: colon, containing: ["without \":\""])
        expectProblem(found, key: "basic_auth_users.empty", onLineWith: "empty", in: colon, containing: ["has no value"])
    }

    @Test("invalid YAML and duplicate users are located")
    func invalidYAML() {
        let yaml = "basic_auth_users:\n  a: \(sampleHash2b)\n  a: \(sampleHash2b)\n"
        let found = problems(yaml)
        #expect(found.first?.message.contains("duplicate key \"a\"") == true)
        let broken = problems("tls_server_config:\n  cert_file: [unclosed\n")
        #expect(broken.first?.message.hasPrefix("invalid YAML") == true)
        #expect(broken.first?.line != nil)
    }

    @Test("load reports an unreadable file by name, and formats problems as file:line: key: message")
    func loadFromDisk() throws {
        do {
            _ = try WebConfigLoader.load(path: directory.file("absent.yml"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(directory.file("absent.yml")): cannot read the web configuration file: No such file or directory")
        }
        let path = try directory.write("web.yml", "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n  min_version: SSL3\n")
        do {
            _ = try WebConfigLoader.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("\(path):4: tls_server_config.min_version: expected one of TLS10"))
        }
        try directory.write("web.yml", "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n")
        // Relative to the file's own directory, whatever the working directory.
        #expect(try WebConfigLoader.load(path: path).tls?.keyFile.path == directory.file("tls/server.key"))
    }

    @Test("prefer_server_cipher_suites is accepted with a warning (Go ignores it)")
    func preferServerCipherSuites() throws {
        let configuration = try parse(
            "tls_server_config:\n  cert_file: tls/server.crt\n  key_file: tls/server.key\n  prefer_server_cipher_suites: true\n")
        #expect(configuration.warnings.map(\.key) == ["tls_server_config.prefer_server_cipher_suites"])
        #expect(configuration.warnings.first?.line == 4)
    }
}
