/// One object as seen by a complete poll, in the form storage keeps it.
///
/// `fieldsJSON` is a canonical JSON object (sorted keys, no whitespace) produced by the Inventory module;
/// storage treats it as opaque text. `fieldsHash` is a stable 64-bit hash of that text, so a poll can be
/// diffed against the stored state without loading every object's fields.
public struct StoredObject: Sendable, Hashable {
    public var kind: ObjectKind
    /// Plesk guid, or `id:<n>` when the guid is missing.
    public var key: String
    /// Domain name, or client login.
    public var name: String
    public var fieldsJSON: String
    public var fieldsHash: Int64

    public init(kind: ObjectKind, key: String, name: String, fieldsJSON: String, fieldsHash: Int64) {
        self.kind = kind
        self.key = key
        self.name = name
        self.fieldsJSON = fieldsJSON
        self.fieldsHash = fieldsHash
    }
}
