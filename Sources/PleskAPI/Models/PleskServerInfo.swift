/// `GET /api/v2/server` (Plesk's `ServerMeta`).
public struct PleskServerInfo: Sendable, Hashable, Codable {
    public var platform: String
    public var hostname: String
    public var guid: String
    public var panelVersion: String
    public var panelRevision: String?
    public var panelBuildDate: String?
    public var panelUpdateVersion: String?
    public var extensionVersion: String?
    public var extensionRelease: String?

    public init(
        platform: String, hostname: String, guid: String, panelVersion: String, panelRevision: String? = nil,
        panelBuildDate: String? = nil, panelUpdateVersion: String? = nil, extensionVersion: String? = nil,
        extensionRelease: String? = nil
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

    enum CodingKeys: String, CodingKey {
        case platform, hostname, guid
        case panelVersion = "panel_version"
        case panelRevision = "panel_revision"
        case panelBuildDate = "panel_build_date"
        case panelUpdateVersion = "panel_update_version"
        case extensionVersion = "extension_version"
        case extensionRelease = "extension_release"
    }
}
