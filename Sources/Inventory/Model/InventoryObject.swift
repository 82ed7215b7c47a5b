import PleskAPI
import Storage

/// One domain or client of a complete poll, reduced to the fields whose changes are events.
///
/// The fields are kept only in their storage form (canonical JSON and its hash), computed once: a poll of 100,000
/// domains holds 100,000 of these, and diffing needs nothing but the hash.
public struct InventoryObject: Sendable, Hashable {
    /// The storage form: kind, key, name, canonical JSON and its stable hash.
    public let stored: StoredObject

    public init(kind: ObjectKind, key: String, name: String, fields: [String: JSONValue]) {
        let text = JSONValue.object(fields).canonicalText
        stored = StoredObject(kind: kind, key: key, name: name, fieldsJSON: text, fieldsHash: JSONValue.stableHash(text))
    }

    public var kind: ObjectKind { stored.kind }
    /// Plesk guid, or `id:<n>` when the server sent none.
    public var key: String { stored.key }
    /// Domain name or client login.
    public var name: String { stored.name }

    /// The fields, parsed back from the canonical JSON (only needed for objects that changed).
    public var fields: [String: JSONValue] {
        JSONValue.parse(stored.fieldsJSON)?.objectValue ?? [:]
    }

    static func key(guid: String, id: Int) -> String {
        guid.isEmpty ? "id:\(id)" : guid
    }
}

/// Fields that enrichment calls fill in; their first appearance on a known object is not a change.
enum EnrichmentField {
    static let owner = "owner"
    static let status = "status"
}

extension InventoryObject {
    /// A domain's fields. `owner` (client login) and `status` come from enrichment when known.
    public init(domain: PleskDomain, owner: String?, status: String?) {
        var fields: [String: JSONValue] = [
            "id": .int(domain.id),
            "name": .string(domain.name),
            "ascii_name": .string(domain.asciiName),
            "hosting_type": .string(domain.hostingType),
            "base_domain_id": .int(domain.baseDomainID),
            "www_root": .string(domain.wwwRoot),
            "created": .string(domain.created),
        ]
        if let aliases = domain.aliases {
            fields["aliases"] = .array(aliases.map(\.name).sorted().map(JSONValue.string))
        }
        if let owner { fields[EnrichmentField.owner] = .string(owner) }
        if let status { fields[EnrichmentField.status] = .string(status) }
        self.init(kind: .domain, key: Self.key(guid: domain.guid, id: domain.id), name: domain.name, fields: fields)
    }

    /// A client's fields, exactly the ones Plesk returns (never a password; Plesk sends none).
    public init(client: PleskClient) {
        var fields: [String: JSONValue] = [
            "id": .int(client.id),
            "login": .string(client.login),
            "name": .string(client.name),
            "status": .int(client.status),
            "type": .string(client.type),
            "created": .string(client.created),
        ]
        let optional: [(String, String?)] = [
            ("company", client.company), ("email", client.email), ("locale", client.locale),
            ("owner_login", client.ownerLogin), ("external_id", client.externalID), ("description", client.description),
        ]
        for (name, value) in optional {
            if let value { fields[name] = .string(value) }
        }
        self.init(kind: .client, key: Self.key(guid: client.guid, id: client.id), name: client.login, fields: fields)
    }
}
