import Exporter
import Inventory
import InventoryModel

/// How the CLI prints an inventory.
public enum InventoryOutput {
    static let columns = ["target", "object", "key", "name", "first_seen", "version_since", "fields"]

    public static func table(_ items: [InventoryItemDTO]) -> String {
        var table = TextTable(header: ["TARGET", "OBJECT", "NAME", "KEY", "FIRST SEEN", "DETAIL"])
        for item in items {
            table.append([item.target, item.object, item.name, item.key, item.firstSeen, summary(item)])
        }
        return table.render()
    }

    public static func csv(_ items: [InventoryItemDTO]) -> String {
        ([CSV.line(columns)]
            + items.map {
                CSV.line([$0.target, $0.object, $0.key, $0.name, $0.firstSeen, $0.versionSince, $0.fields.canonicalText])
            }).joined(separator: "\n")
    }

    /// The few fields an operator scans for: hosting type and owner of a domain, type and status of a client,
    /// states, plan and owner of a subscription, owner of a plan.
    static func summary(_ item: InventoryItemDTO) -> String {
        let fields = item.fields.objectValue ?? [:]
        let names =
            switch ObjectKind(rawValue: item.object) {
            case .domain: ["hosting_type", "owner", "status"]
            case .subscription: ["states", "plan", "owner"]
            case .plan: ["owner_login"]
            default: ["type", "status", "email"]
            }
        return names.compactMap { name in fields[name].map { "\(name)=\(text($0, field: name, object: item.object))" } }
            .joined(separator: " ")
    }

    /// A client's status code by its name (`active`, `backup_restore`), as the metrics and reports say it.
    static func text(_ value: JSONValue, field: String, object: String) -> String {
        if object == ObjectKind.client.rawValue, field == "status", let code = value.intValue {
            return ClientStatus.label(code)
        }
        if let values = value.arrayValue { return values.map { $0.stringValue ?? $0.canonicalText }.joined(separator: "+") }
        return value.stringValue ?? value.canonicalText
    }
}
