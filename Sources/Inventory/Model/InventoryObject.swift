import PleskAPI
import InventoryModel

/// One domain or client of a complete poll, reduced to the fields whose changes are events.
///
/// The fields are kept only in their storage form (canonical JSON and its hash), computed once: a poll of 100,000
/// domains holds 100,000 of these, and diffing needs nothing but the hash.
public struct InventoryObject: Sendable, Hashable {
    /// The storage form: kind, key, name, canonical JSON and its stable hash.
    public let stored: StoredObject

    public init(kind: ObjectKind, key: String, name: String, fields: [String: JSONValue]) {
        self.init(kind: kind, key: key, name: name, canonicalText: JSONValue.object(fields).canonicalText)
    }

    /// An object from fields given already sorted by key.
    init(kind: ObjectKind, key: String, name: String, sortedFields: [(key: String, value: JSONValue)]) {
        self.init(kind: kind, key: key, name: name, canonicalText: JSONValue.canonicalText(sortedMembers: sortedFields))
    }

    private init(kind: ObjectKind, key: String, name: String, canonicalText text: String) {
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
        // In key order: the canonical text is written as it goes.
        var fields: [(key: String, value: JSONValue)] = []
        fields.reserveCapacity(10)
        if let aliases = domain.aliases {
            fields.append(("aliases", .array(aliases.map(\.name).sorted().map(JSONValue.string))))
        }
        fields.append(("ascii_name", .string(domain.asciiName)))
        fields.append(("base_domain_id", .int(domain.baseDomainID)))
        fields.append(("created", .string(domain.created)))
        fields.append(("hosting_type", .string(domain.hostingType)))
        fields.append(("id", .int(domain.id)))
        fields.append(("name", .string(domain.name)))
        if let owner { fields.append((EnrichmentField.owner, .string(owner))) }
        if let status { fields.append((EnrichmentField.status, .string(status))) }
        fields.append(("www_root", .string(domain.wwwRoot)))
        self.init(kind: .domain, key: Self.key(guid: domain.guid, id: domain.id), name: domain.name, sortedFields: fields)
    }

    /// A client's fields, exactly the ones Plesk returns (never a password; Plesk sends none).
    public init(client: PleskClient) {
        // In key order: the canonical text is written as it goes.
        let members: [(key: String, value: JSONValue?)] = [
            ("company", client.company.map(JSONValue.string)),
            ("created", .string(client.created)),
            ("description", client.description.map(JSONValue.string)),
            ("email", client.email.map(JSONValue.string)),
            ("external_id", client.externalID.map(JSONValue.string)),
            ("id", .int(client.id)),
            ("locale", client.locale.map(JSONValue.string)),
            ("login", .string(client.login)),
            ("name", .string(client.name)),
            ("owner_login", client.ownerLogin.map(JSONValue.string)),
            ("status", .int(client.status)),
            ("type", .string(client.type)),
        ]
        self.init(
            kind: .client, key: Self.key(guid: client.guid, id: client.id), name: client.login,
            sortedFields: members.compactMap { member in member.value.map { (member.key, $0) } })
    }
}
