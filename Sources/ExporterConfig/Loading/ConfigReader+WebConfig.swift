import Yams

extension ConfigReader {
    static let webTopLevelKeys = ["tls_server_config", "basic_auth_users", "http_server_config", "rate_limit"]
    static let webTLSKeys = [
        "cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version",
        "cert", "key", "client_ca", "cipher_suites", "curve_preferences", "prefer_server_cipher_suites",
        "client_allowed_sans",
    ]
    /// exporter-toolkit settings this server cannot honour. Each is refused rather than ignored: a file that
    /// restricts cipher suites or client names must not be served without the restriction.
    static let unsupportedWebKeys: [String: String] = [
        "http_server_config": "HTTP/2 and extra response headers are not configurable here",
        "rate_limit": "the server has no rate limiter",
        "cert": "give the certificate as cert_file",
        "key": "give the key as key_file",
        "client_ca": "give the CA as client_ca_file",
        "cipher_suites": "the TLS library's default suites are used",
        "curve_preferences": "the TLS library's default curves are used",
        "client_allowed_sans": "client certificates are not matched by subject alternative name",
    ]

    /// Reads the whole web configuration. The result is only meaningful when `problems` is empty.
    func readWebConfiguration(_ root: Node?) -> WebConfiguration {
        var configuration = WebConfiguration(file: file)
        guard let document = mapping(root, path: "", allowed: Self.webTopLevelKeys) else { return configuration }
        refuseUnsupported(document)
        configuration.tls = readWebTLS(document)
        configuration.users = readBasicAuthUsers(document)
        return configuration
    }

    private func refuseUnsupported(_ mapping: ConfigMapping) {
        for key in mapping.entries.keys.sorted() {
            guard let why = Self.unsupportedWebKeys[key] else { continue }
            problem(
                "this exporter-toolkit setting is not supported by plesk_exporter (\(why)); remove it",
                key: mapping.path(key), at: mapping[key]?.keyMark ?? mapping.mark(key))
        }
    }

    private func readWebTLS(_ document: ConfigMapping) -> WebTLSSettings? {
        guard let entry = document["tls_server_config"],
            let tls = mapping(entry.value, path: "tls_server_config", allowed: Self.webTLSKeys)
        else { return nil }
        // exporter-toolkit serves plain HTTP for an empty tls_server_config; so do we.
        guard !tls.entries.isEmpty else { return nil }
        refuseUnsupported(tls)
        if tls.contains("prefer_server_cipher_suites") {
            _ = bool(tls, "prefer_server_cipher_suites")
            warning(
                "has no effect (Go ignores it too since 1.18)", key: tls.path("prefer_server_cipher_suites"),
                at: tls.mark("prefer_server_cipher_suites"))
        }

        let clientAuth = choice(tls, "client_auth_type", ClientAuthType.self) ?? .noClientCert
        let minVersion = choice(tls, "min_version", TLSProtocolVersion.self) ?? .tls12
        let maxVersion = choice(tls, "max_version", TLSProtocolVersion.self)
        if let maxVersion, maxVersion < minVersion {
            problem(
                "max_version \(maxVersion.rawValue) is older than min_version \(minVersion.rawValue)",
                key: tls.path("max_version"), at: tls.mark("max_version"))
        }

        for key in ["cert_file", "key_file"] where !tls.contains(key) {
            problem(
                "missing: TLS needs both cert_file and key_file (or no tls_server_config for plain HTTP)",
                key: tls.path(key), at: entry.keyMark ?? tls.mark)
        }
        let certFile = pemFile(tls, "cert_file", marker: "-----BEGIN CERTIFICATE-----", what: "certificate")
        let keyFile = pemFile(tls, "key_file", marker: "PRIVATE KEY-----", what: "private key")
        if let keyFile {
            warnIfReadableByOthers(keyFile.path, holding: "the listener's private key", key: keyFile.location.key, at: tls.mark("key_file"))
        }
        var clientCAFile: ConfigFileReference?
        if tls.contains("client_ca_file") {
            clientCAFile = pemFile(tls, "client_ca_file", marker: "-----BEGIN CERTIFICATE-----", what: "certificate")
            if clientAuth == .noClientCert {
                problem(
                    "client_ca_file is set but client_auth_type is NoClientCert (the default): set client_auth_type "
                        + "(e.g. RequireAndVerifyClientCert) or remove client_ca_file",
                    key: tls.path("client_ca_file"), at: tls.mark("client_ca_file"))
            }
        } else if clientAuth.verifiesCertificate {
            problem(
                "\(clientAuth.rawValue) verifies client certificates, so it needs client_ca_file "
                    + "(the CA that signs them)",
                key: tls.path("client_auth_type"), at: tls.mark("client_auth_type"))
        }
        guard let certFile, let keyFile else { return nil }
        return WebTLSSettings(
            certFile: certFile, keyFile: keyFile, clientAuth: clientAuth, clientCAFile: clientCAFile,
            minVersion: minVersion, maxVersion: maxVersion)
    }

    private func readBasicAuthUsers(_ document: ConfigMapping) -> [BasicAuthUser] {
        guard let entry = document["basic_auth_users"], !Self.isNull(entry.value) else { return [] }
        guard let pairs = entry.value.mapping else {
            problem(
                "expected a mapping of user names to bcrypt hashes, found \(Self.kind(of: entry.value))",
                key: "basic_auth_users", at: entry.value.mark)
            return []
        }
        var users: [BasicAuthUser] = []
        for (keyNode, value) in pairs {
            guard let name = keyNode.scalar?.string, !Self.isNull(keyNode) else {
                problem("user names must be plain strings", key: "basic_auth_users", at: keyNode.mark)
                continue
            }
            let path = "basic_auth_users.\(name)"
            guard !name.isEmpty, !name.contains(":") else {
                problem(
                    "a user name must be non-empty and without \":\" (basic auth separates user and password with it)",
                    key: path, at: keyNode.mark)
                continue
            }
            guard let hash = scalar(value, path: path) else { continue }
            // The value is never quoted back: it is a password hash.
            guard BcryptHash.isWellFormed(hash.value) else {
                problem(
                    "expected a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31, 60 characters); "
                        + "make one with `plesk_exporter hash-password`",
                    key: path, at: hash.mark)
                continue
            }
            users.append(
                BasicAuthUser(name: name, passwordHash: Secret(hash.value), location: location(path, hash.mark)))
        }
        return users.sorted { $0.name < $1.name }
    }
}
