import InventoryModel

/// Events matching every given field are acknowledged when recorded (`auto_acknowledge[]`).
public struct AutoAcknowledgeRule: Sendable, Hashable {
    /// nil matches every object kind.
    public var object: ObjectKind?
    /// nil matches every change kind.
    public var change: ChangeKind?
    /// Glob over the object's name (`*` any run, `?` one character, case-insensitive); nil matches all.
    public var name: String?
    /// A configured target's name; nil matches all.
    public var target: String?

    public init(object: ObjectKind? = nil, change: ChangeKind? = nil, name: String? = nil, target: String? = nil) {
        self.object = object
        self.change = change
        self.name = name
        self.target = target
    }

    /// Whether an event with these properties is acknowledged by this rule.
    public func matches(object: ObjectKind, change: ChangeKind, name: String, target: String) -> Bool {
        if let expected = self.object, expected != object { return false }
        if let expected = self.change, expected != change { return false }
        if let expected = self.target, expected != target { return false }
        if let pattern = self.name, !Glob.matches(pattern: pattern, name) { return false }
        return true
    }
}
