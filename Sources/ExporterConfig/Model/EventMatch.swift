/// Which events a webhook receives (`match`). An empty list matches everything.
public struct EventMatch: Sendable, Hashable {
    /// Subset of `domain`, `client`; empty means all.
    public var objects: [String]
    /// Subset of `added`, `removed`, `modified`; empty means all.
    public var changes: [String]

    public static let allowedObjects = ["domain", "client"]
    public static let allowedChanges = ["added", "removed", "modified"]

    public init(objects: [String] = [], changes: [String] = []) {
        self.objects = objects
        self.changes = changes
    }

    /// Whether an event of this object kind and change kind is selected.
    public func matches(object: String, change: String) -> Bool {
        (objects.isEmpty || objects.contains(object)) && (changes.isEmpty || changes.contains(change))
    }
}
