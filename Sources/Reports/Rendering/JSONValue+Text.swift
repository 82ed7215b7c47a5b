import InventoryModel

extension JSONValue {
    /// Plain text for people: strings as they are, lists comma-separated.
    var text: String {
        switch self {
        case .null: "(none)"
        case .bool(let value): value ? "yes" : "no"
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): value.isEmpty ? "(empty)" : value
        case .array(let values): values.isEmpty ? "(none)" : values.map(\.text).joined(separator: ", ")
        case .object(let members): members.keys.sorted().map { "\($0)=\(members[$0]!.text)" }.joined(separator: ", ")
        }
    }
}
