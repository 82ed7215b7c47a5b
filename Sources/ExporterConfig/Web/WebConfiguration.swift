/// The `--web.config.file`, in the exporter-toolkit `web-config.yml` format Prometheus exporters share: TLS for
/// the listener and HTTP basic-auth users. Build it with ``WebConfigLoader``.
///
/// Certificate and key files are only checked to be readable PEM here; turning them into a TLS context (and
/// reporting a bad key at its line) is the server's job.
public struct WebConfiguration: Sendable, Hashable {
    /// The file as it was named to the loader.
    public var file: String
    /// `tls_server_config`; nil serves plain HTTP.
    public var tls: WebTLSSettings?
    /// `basic_auth_users`, sorted by name; empty means no authentication.
    public var users: [BasicAuthUser]
    /// Allowed but without effect (`prefer_server_cipher_suites`); log them and show them in `check-config`.
    public var warnings: [ConfigProblem]

    public init(file: String, tls: WebTLSSettings? = nil, users: [BasicAuthUser] = [], warnings: [ConfigProblem] = []) {
        self.file = file
        self.tls = tls
        self.users = users
        self.warnings = warnings
    }

    /// The files the configuration depends on besides itself (certificate, key, client CA), for change detection.
    public var referencedFiles: [String] {
        guard let tls else { return [] }
        return [tls.certFile.path, tls.keyFile.path] + (tls.clientCAFile.map { [$0.path] } ?? [])
    }

    /// One line per setting for `check-config` and logs; names users but never shows a hash.
    public func summary() -> String {
        var lines: [String] = []
        if let tls {
            var line = "tls: cert_file=\(tls.certFile.path) key_file=\(tls.keyFile.path)"
            line += " client_auth_type=\(tls.clientAuth.rawValue)"
            if let ca = tls.clientCAFile { line += " client_ca_file=\(ca.path)" }
            line += " min_version=\(tls.minVersion.rawValue)"
            if let max = tls.maxVersion { line += " max_version=\(max.rawValue)" }
            lines.append(line)
        } else {
            lines.append("tls: off (plain HTTP)")
        }
        lines.append(
            users.isEmpty
                ? "basic_auth_users: none (no authentication)"
                : "basic_auth_users: \(users.map(\.name).joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}

/// One `basic_auth_users` entry.
public struct BasicAuthUser: Sendable, Hashable {
    public var name: String
    /// A bcrypt hash (`$2a$`, `$2b$` or `$2y$`), checked for form when loaded. Shown nowhere.
    public var passwordHash: Secret
    public var location: ConfigLocation

    public init(name: String, passwordHash: Secret, location: ConfigLocation) {
        self.name = name
        self.passwordHash = passwordHash
        self.location = location
    }
}
