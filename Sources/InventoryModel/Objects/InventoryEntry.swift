import Foundation

/// An object present at some time, with the interval its current version is valid for.
public struct InventoryEntry: Sendable, Hashable {
    public var object: StoredObject
    /// When this object was first seen (its first version's start).
    public var firstSeen: Date
    /// When the version returned here became valid.
    public var versionSince: Date

    public init(object: StoredObject, firstSeen: Date, versionSince: Date) {
        self.object = object
        self.firstSeen = firstSeen
        self.versionSince = versionSince
    }
}
