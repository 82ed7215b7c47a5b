/// The net change between two ``InventoryCounts``: every breakdown key of either side, zero where nothing moved.
public struct CountChange: Sendable, Hashable, Encodable {
    public var domains: Int
    public var domainsByHostingType: [String: Int]
    public var clients: Int
    public var clientsByAccountType: [String: [String: Int]]

    public init(from start: InventoryCounts, to end: InventoryCounts) {
        domains = end.domains - start.domains
        clients = end.clients - start.clients
        domainsByHostingType = Self.difference(start.domainsByHostingType, end.domainsByHostingType)
        var byType: [String: [String: Int]] = [:]
        for type in Set(start.clientsByAccountType.keys).union(end.clientsByAccountType.keys) {
            byType[type] = Self.difference(
                start.clientsByAccountType[type] ?? [:], end.clientsByAccountType[type] ?? [:])
        }
        clientsByAccountType = byType
    }

    static func difference(_ start: [String: Int], _ end: [String: Int]) -> [String: Int] {
        var result: [String: Int] = [:]
        for key in Set(start.keys).union(end.keys) { result[key] = (end[key] ?? 0) - (start[key] ?? 0) }
        return result
    }

    enum CodingKeys: String, CodingKey {
        case domains, clients
        case domainsByHostingType = "domains_by_hosting_type"
        case clientsByAccountType = "clients_by_account_type"
    }
}
