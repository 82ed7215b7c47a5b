/// The body of `GET /server` (`ServerMeta`, all nine fields are required strings).
public struct SimulatedServerMeta: Sendable, Hashable {
    public var platform: String
    public var hostname: String
    public var guid: String
    public var panelVersion: String
    public var panelRevision: String
    public var panelBuildDate: String
    public var panelUpdateVersion: String
    public var extensionVersion: String
    public var extensionRelease: String

    public init(
        platform: String = "Unix",
        hostname: String = "plesk.simulator.test",
        guid: String = "7f1c2a9e-3b4d-4e5f-8a6b-0c1d2e3f4a5b",
        panelVersion: String = "18.0.76",
        panelRevision: String = "6a1c2e5b9d0f4e3a8b7c6d5e4f3a2b1c0d9e8f7a",
        panelBuildDate: String = "2026-01-13",
        panelUpdateVersion: String = "2",
        extensionVersion: String = "2.4.6",
        extensionRelease: String = "1"
    ) {
        self.platform = platform
        self.hostname = hostname
        self.guid = guid
        self.panelVersion = panelVersion
        self.panelRevision = panelRevision
        self.panelBuildDate = panelBuildDate
        self.panelUpdateVersion = panelUpdateVersion
        self.extensionVersion = extensionVersion
        self.extensionRelease = extensionRelease
    }
}
