/// Settings of the built-in HTTP server (the `--web.*` flags).
public struct WebSettings: Sendable, Hashable {
    /// `host:port`, `:port` (all interfaces) or `[v6]:port`.
    public var listenAddress: String
    public var telemetryPath: String
    public var webConfigFile: String?
    public var enableAdminAPI: Bool

    public init(
        listenAddress: String = ":10061", telemetryPath: String = "/metrics", webConfigFile: String? = nil,
        enableAdminAPI: Bool = false
    ) {
        self.listenAddress = listenAddress
        self.telemetryPath = telemetryPath
        self.webConfigFile = webConfigFile
        self.enableAdminAPI = enableAdminAPI
    }
}
