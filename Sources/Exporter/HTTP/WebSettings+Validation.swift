extension WebSettings {
    /// Checks the `--web.*` flags before anything starts: the listen address parses and the telemetry path is a
    /// plain path that does not shadow another endpoint. (The `--web.config.file` is checked by loading it, see
    /// ``ReloadableWebSecurity``.)
    public func validated() throws(WebServerError) -> ListenAddress {
        try Self.validateTelemetryPath(telemetryPath)
        return try ListenAddress(parsing: listenAddress)
    }

    static let reservedPaths: Set<String> = ["/", "/healthz", "/readyz"]

    static func validateTelemetryPath(_ path: String) throws(WebServerError) {
        func invalid(_ why: String) -> WebServerError {
            WebServerError(.invalidTelemetryPath, "invalid --web.telemetry-path \"\(path)\": \(why)")
        }
        guard path.hasPrefix("/") else { throw invalid("it must start with /") }
        let allowed = path.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "/-_.~".unicodeScalars.contains(scalar)
        }
        guard allowed else { throw invalid("use only letters, digits, /, -, _, . and ~") }
        guard !path.contains("//") else { throw invalid("it must not contain empty segments (//)") }
        let normalized = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard !reservedPaths.contains(normalized), normalized != "/api", !normalized.hasPrefix("/api/") else {
            throw invalid("it would hide another endpoint (/, /healthz, /readyz, /api/…)")
        }
    }
}
