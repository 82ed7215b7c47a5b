import Foundation
import Inventory
import InventoryModel

/// An object present at some time, as the inventory API and CLI print it.
public struct InventoryItemDTO: Codable, Sendable, Hashable {
    public var target: String
    public var object: String
    public var key: String
    public var name: String
    public var firstSeen: String
    public var versionSince: String
    public var fields: JSONValue

    enum CodingKeys: String, CodingKey {
        case target, object, key, name, fields
        case firstSeen = "first_seen"
        case versionSince = "version_since"
    }

    public init(target: String, entry: InventoryEntry) {
        self.target = target
        object = entry.object.kind.rawValue
        key = entry.object.key
        name = entry.object.name
        firstSeen = TimeParameter.format(entry.firstSeen)
        versionSince = TimeParameter.format(entry.versionSince)
        fields = JSONValue.parse(entry.object.fieldsJSON) ?? .object([:])
    }
}
