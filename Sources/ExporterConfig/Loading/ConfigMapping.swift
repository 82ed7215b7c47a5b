import Yams

/// A YAML mapping whose keys have been checked against the allowed ones, with merge keys (`<<`) applied.
struct ConfigMapping {
    struct Entry {
        var key: String
        var keyMark: Mark?
        var value: Node
    }

    /// Path of the mapping itself, e.g. `targets[0].tls`; empty at the top level.
    var path: String
    /// Where the mapping starts; nil when it is absent from the file.
    var mark: Mark?
    var entries: [String: Entry]

    /// An absent mapping: every key takes its default.
    static func absent(path: String, mark: Mark? = nil) -> ConfigMapping {
        ConfigMapping(path: path, mark: mark, entries: [:])
    }

    subscript(key: String) -> Entry? { entries[key] }

    func contains(_ key: String) -> Bool { entries[key] != nil }

    /// The path of one of this mapping's keys.
    func path(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Where a problem with `key` should point: its value, else its key, else the mapping.
    func mark(_ key: String) -> Mark? {
        entries[key].map { $0.value.mark ?? $0.keyMark } ?? mark
    }
}
