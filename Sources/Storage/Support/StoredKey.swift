import Foundation
import InventoryModel

/// How `object_versions` keeps object keys (migration 12): a lowercase UUID (every Plesk guid) as its 16 bytes, any
/// other key as its text. 20 bytes less in the row and 20 in each key index entry: about 40 of the bytes a stored
/// object costs. A BLOB never equals a TEXT, so a key compares equal only in the form it was stored in, which is the
/// one form ``bound(_:)`` gives.
enum StoredKey {
    /// The value to bind for `key`.
    static func bound(_ key: String) -> SQLiteValue {
        UUIDKey(key).map { .blob(Data($0.bytes)) } ?? .text(key)
    }

    /// The key stored in `column` as text.
    static func read(_ row: Row, _ column: Int32) -> String {
        if case .blob(let data) = row.value(column), let uuid = UUIDKey(bytes: data) { return uuid.text }
        return row.string(column)
    }
}
