import Foundation

/// How many domains and clients a target had at one time, broken down as the metrics break them down.
public struct InventoryCounts: Sendable, Hashable {
    public var at: Date
    public var domains: Int
    /// Hosting type → domains (`virtual`, `standard_forwarding`, `frame_forwarding`, `none`).
    public var domainsByHostingType: [String: Int]
    public var clients: Int
    /// Account type (`admin`, `reseller`, `customer`) → status (`active`, `disabled`, `backup_restore`, `expired`,
    /// `other`) → clients.
    public var clientsByAccountType: [String: [String: Int]]

    public init(
        at: Date, domains: Int = 0, domainsByHostingType: [String: Int] = [:], clients: Int = 0,
        clientsByAccountType: [String: [String: Int]] = [:]
    ) {
        self.at = at
        self.domains = domains
        self.domainsByHostingType = domainsByHostingType
        self.clients = clients
        self.clientsByAccountType = clientsByAccountType
    }

    /// Clients per "type/status", for flat listings.
    var clientsByTypeAndStatus: [String: Int] {
        var flat: [String: Int] = [:]
        for (type, statuses) in clientsByAccountType {
            for (status, count) in statuses { flat["\(type)/\(status)"] = count }
        }
        return flat
    }
}

extension InventoryCounts: Encodable {
    enum CodingKeys: String, CodingKey {
        case at, domains, clients
        case domainsByHostingType = "domains_by_hosting_type"
        case clientsByAccountType = "clients_by_account_type"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ReportText.rfc3339(at), forKey: .at)
        try container.encode(domains, forKey: .domains)
        try container.encode(domainsByHostingType, forKey: .domainsByHostingType)
        try container.encode(clients, forKey: .clients)
        try container.encode(clientsByAccountType, forKey: .clientsByAccountType)
    }
}
