/// The compact current state of one object, enough for diffing without its fields.
public struct CurrentObjectState: Sendable, Hashable {
    public var key: String
    public var name: String
    public var fieldsHash: Int64

    public init(key: String, name: String, fieldsHash: Int64) {
        self.key = key
        self.name = name
        self.fieldsHash = fieldsHash
    }
}
