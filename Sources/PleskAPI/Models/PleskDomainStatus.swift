/// `GET /api/v2/domains/{id}/status`: `active`, `suspended` or `disabled` (kept as text).
public struct PleskDomainStatus: Sendable, Hashable, Codable {
    public var status: String

    public init(status: String) {
        self.status = status
    }
}
