import Foundation

/// A target's first complete poll (its baseline), when it falls inside the period: one line in a report, since
/// every object of it would otherwise be an "added" row.
public struct BaselineRecord: Sendable, Hashable, Encodable {
    public var at: Date
    public var domains: Int
    public var clients: Int

    public init(at: Date, domains: Int, clients: Int) {
        self.at = at
        self.domains = domains
        self.clients = clients
    }

    enum CodingKeys: String, CodingKey { case at, domains, clients }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ReportText.rfc3339(at), forKey: .at)
        try container.encode(domains, forKey: .domains)
        try container.encode(clients, forKey: .clients)
    }
}
