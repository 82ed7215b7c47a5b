import ArgumentParser

/// Flags of the built-in HTTP server.
struct WebOptions: ParsableArguments {
    @Option(name: .customLong("web.listen-address"), help: "Address to listen on for metrics and the API.")
    var listenAddress: String = ":10061"

    @Option(name: .customLong("web.telemetry-path"), help: "Path under which to expose metrics.")
    var telemetryPath: String = "/metrics"

    @Option(name: .customLong("web.config.file"), help: "exporter-toolkit web configuration (TLS, basic auth).")
    var webConfigFile: String?

    @Flag(name: .customLong("web.enable-admin-api"), help: "Enable the POST endpoints that acknowledge events.")
    var enableAdminAPI = false
}
