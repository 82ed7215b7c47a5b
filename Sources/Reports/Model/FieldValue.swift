import Foundation

/// A field value of a stored domain or client (the JSON the Inventory module canonicalises), as a report shows it.
public enum FieldValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([FieldValue])
    case object([String: FieldValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([FieldValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: FieldValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The members of a stored fields object; nil for text that is not a JSON object.
    static func fields(_ json: String?) -> [String: FieldValue]? {
        guard let json,
            case .object(let members)? = try? ReportJSON.decoder.decode(FieldValue.self, from: Data(json.utf8))
        else { return nil }
        return members
    }

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

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }
}
