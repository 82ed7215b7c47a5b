import Foundation
import InventoryModel

/// The few stored fields a report counts by, decoded without building the whole object.
struct ObjectFacts: Decodable {
    /// Domains: `virtual`, `standard_forwarding`, `frame_forwarding`, `none`.
    var hostingType: String?
    /// Domains: the owning client's login, when owners are collected.
    var owner: String?
    /// Clients: `admin`, `reseller`, `customer`.
    var type: String?
    /// Clients: Plesk's numeric status.
    var status: Int?
    /// Clients: the person's or company's name.
    var name: String?

    enum CodingKeys: String, CodingKey {
        case owner, type, status, name
        case hostingType = "hosting_type"
    }

    init(from decoder: any Decoder) throws {
        // Field by field: one unexpected value must not lose the others.
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hostingType = try? container.decodeIfPresent(String.self, forKey: .hostingType)
        owner = try? container.decodeIfPresent(String.self, forKey: .owner)
        type = try? container.decodeIfPresent(String.self, forKey: .type)
        status = try? container.decodeIfPresent(Int.self, forKey: .status)
        name = try? container.decodeIfPresent(String.self, forKey: .name)
    }

    init() {}

    static func decode(_ json: String, with decoder: JSONDecoder) -> ObjectFacts {
        (try? decoder.decode(ObjectFacts.self, from: Data(json.utf8))) ?? ObjectFacts()
    }

}
