import Foundation
import InventoryModel
import Yams

/// Walks the composed YAML tree, turning nodes into typed values and collecting every problem on the way
/// instead of stopping at the first. One instance reads one file, on one thread.
final class ConfigReader {
    /// A scalar value after `${VAR}` expansion, with what may be shown of it in messages.
    struct Scalar {
        /// As written in the file.
        var raw: String
        /// After expansion.
        var value: String
        var mark: Mark?

        /// How to mention the value in a message: the text as written, never the expanded text, which may
        /// come from a secret variable.
        var quoted: String {
            raw.contains("${") ? "the value of \(ConfigReader.quote(raw))" : ConfigReader.quote(raw)
        }
    }

    let file: String
    let environment: [String: String]
    let baseDirectory: String
    /// Whether `${VAR}` is expanded in scalars; the web configuration keeps exporter-toolkit's literal values.
    let expandsVariables: Bool
    private(set) var problems: [ConfigProblem] = []
    private(set) var warnings: [ConfigProblem] = []
    /// Every target name in the file, including those of targets with problems, for cross-references.
    var targetNames: Set<String> = []
    /// One warning about the configuration file's own mode is enough.
    private var inlineSecretWarned = false

    init(file: String, environment: [String: String], baseDirectory: String, expandsVariables: Bool = true) {
        self.file = file
        self.environment = environment
        self.baseDirectory = baseDirectory
        self.expandsVariables = expandsVariables
    }

    // MARK: Reporting

    func problem(_ message: String, key: String, at mark: Mark?) {
        problems.append(ConfigProblem(file: file, line: mark?.line, column: mark?.column, key: key, message: message))
    }

    func warning(_ message: String, key: String, at mark: Mark?) {
        warnings.append(ConfigProblem(file: file, line: mark?.line, column: mark?.column, key: key, message: message))
    }

    /// A value for a message: quoted, control characters escaped, long values shortened.
    static func quote(_ text: String) -> String {
        var shown = text.count > 80 ? String(text.prefix(77)) + "..." : text
        shown = shown.unicodeScalars.map { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\t": "\\t"
            default: scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }.joined()
        return "\"\(shown)\""
    }

    // MARK: Structure

    /// Reads `node` as a mapping with only `allowed` keys. An absent or null node is an empty mapping;
    /// anything else that is not a mapping is reported and yields nil.
    func mapping(_ node: Node?, path: String, allowed: [String]) -> ConfigMapping? {
        guard let node, !Self.isNull(node) else { return .absent(path: path, mark: node?.mark) }
        guard node.mapping != nil else {
            problem("expected a mapping of keys (\(allowed.joined(separator: ", "))), found \(Self.kind(of: node))",
                key: path, at: node.mark)
            return nil
        }
        var result = ConfigMapping.absent(path: path, mark: node.mark)
        collect(node, into: &result, allowed: allowed, merged: false)
        return result
    }

    /// Adds the entries of `node` to `result`, then those of its merge keys (YAML's `<<: *anchor`).
    /// Yams resolves aliases to copies of already-complete nodes, so merges cannot form cycles.
    private func collect(_ node: Node, into result: inout ConfigMapping, allowed: [String], merged: Bool) {
        guard let mapping = node.mapping else { return }
        var merges: [Node] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar, !Self.isNull(keyNode) else {
                problem("keys must be plain strings", key: result.path, at: keyNode.mark)
                continue
            }
            if key.string == "<<", key.style == .plain {
                merges.append(value)
                continue
            }
            let keyPath = result.path(key.string)
            guard allowed.contains(key.string) else {
                // A merged mapping may be shared by several places; report its stray keys only once.
                if !merged || !problems.contains(where: { $0.line == keyNode.mark?.line && $0.column == keyNode.mark?.column }) {
                    problem(unknownKeyMessage(key.string, allowed: allowed), key: keyPath, at: keyNode.mark)
                }
                continue
            }
            // Keys written in this mapping win over merged ones; among merges, the first wins.
            if result.entries[key.string] == nil {
                result.entries[key.string] = .init(key: key.string, keyMark: keyNode.mark, value: value)
            }
        }
        for merge in merges {
            let sources = merge.sequence.map(Array.init) ?? [merge]
            for source in sources {
                guard source.mapping != nil else {
                    problem("a merge key (<<) needs a mapping or a list of mappings", key: result.path, at: source.mark)
                    continue
                }
                collect(source, into: &result, allowed: allowed, merged: true)
            }
        }
    }

    private func unknownKeyMessage(_ key: String, allowed: [String]) -> String {
        var message = "unknown key \(Self.quote(key))"
        if let suggestion = allowed.min(by: { Self.distance($0, key) < Self.distance($1, key) }),
            Self.distance(suggestion, key) <= 2
        {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        return message + "; allowed keys: \(allowed.joined(separator: ", "))"
    }

    /// Reads `node` as a list. An absent or null node is an empty list.
    func sequence(_ node: Node?, path: String, at fallback: Mark?) -> [Node] {
        guard let node, !Self.isNull(node) else { return [] }
        guard let sequence = node.sequence else {
            problem("expected a list, found \(Self.kind(of: node))", key: path, at: node.mark ?? fallback)
            return []
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// Reads a scalar value and expands `${VAR}` in it. Reports a wrong node kind, a missing value and
    /// unset variables.
    func scalar(_ node: Node, path: String) -> Scalar? {
        guard let scalar = node.scalar else {
            problem("expected a single value, found \(Self.kind(of: node))", key: path, at: node.mark)
            return nil
        }
        guard !Self.isNull(node) else {
            problem("has no value", key: path, at: node.mark)
            return nil
        }
        guard expandsVariables else { return Scalar(raw: scalar.string, value: scalar.string, mark: node.mark) }
        switch EnvironmentExpander.expand(scalar.string, environment: environment) {
        case .value(let value):
            return Scalar(raw: scalar.string, value: value, mark: node.mark)
        case .failed(let failures):
            for failure in failures {
                switch failure {
                case .unset(let name):
                    problem("environment variable \(name) is not set", key: path, at: node.mark)
                case .malformed:
                    problem("malformed ${...}: write ${NAME} with NAME made of letters, digits and _, or $${ for a literal ${",
                        key: path, at: node.mark)
                }
            }
            return nil
        }
    }

    /// The scalar at `key`, if present and valid.
    func scalar(_ mapping: ConfigMapping, _ key: String) -> Scalar? {
        guard let entry = mapping[key] else { return nil }
        return scalar(entry.value, path: mapping.path(key))
    }

    /// A non-empty string.
    func string(_ mapping: ConfigMapping, _ key: String) -> Scalar? {
        guard let value = scalar(mapping, key) else { return nil }
        guard !value.value.isEmpty else {
            problem("must not be empty", key: mapping.path(key), at: value.mark)
            return nil
        }
        return value
    }

    /// A typed value: `parse` turns the expanded text into a value; `expected` describes valid values.
    func value<T>(_ mapping: ConfigMapping, _ key: String, expected: String, parse: (String) -> T?) -> T? {
        guard let text = scalar(mapping, key) else { return nil }
        guard let value = parse(text.value.trimmingCharacters(in: .whitespaces)) else {
            problem("expected \(expected), got \(text.quoted)", key: mapping.path(key), at: text.mark)
            return nil
        }
        return value
    }

    func bool(_ mapping: ConfigMapping, _ key: String) -> Bool? {
        value(mapping, key, expected: "true or false") { text in
            switch text.lowercased() {
            case "true", "yes", "on": true
            case "false", "no", "off": false
            default: nil
            }
        }
    }

    func int(_ mapping: ConfigMapping, _ key: String) -> Int? {
        value(mapping, key, expected: "a whole number") { Int($0) }
    }

    func double(_ mapping: ConfigMapping, _ key: String) -> Double? {
        value(mapping, key, expected: "a number") { text in Double(text).flatMap { $0.isFinite ? $0 : nil } }
    }

    func duration(_ mapping: ConfigMapping, _ key: String) -> Duration? {
        value(mapping, key, expected: "a duration like 30s, 5m, 1h30m or 7d", parse: DurationParser.parse)
    }

    func byteSize(_ mapping: ConfigMapping, _ key: String) -> Int? {
        value(mapping, key, expected: "a size like 256MiB, 64MB or 1048576", parse: ByteSizeParser.parse)
    }

    /// One of the values of `type`, by its raw value.
    func choice<Choice: CaseIterable & RawRepresentable<String>>(
        _ mapping: ConfigMapping, _ key: String, _ type: Choice.Type
    ) -> Choice? {
        value(mapping, key, expected: "one of \(Self.names(of: type))") { Choice(rawValue: $0) }
    }

    /// `a, b, c`: the values a key of this type accepts, as problems name them.
    static func names<Choice: CaseIterable & RawRepresentable<String>>(of type: Choice.Type) -> String {
        type.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Reports `message` at `key` unless `condition` holds; returns `condition`.
    @discardableResult
    func require(_ condition: Bool, _ mapping: ConfigMapping, _ key: String, _ message: String) -> Bool {
        if !condition { problem(message, key: mapping.path(key), at: mapping.mark(key)) }
        return condition
    }

    // MARK: Files

    /// The absolute path for a `*_file` value; relative paths are relative to the configuration file.
    func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
    }

    /// Reads the file named at `key`. Returns its absolute path and contents.
    func file(_ mapping: ConfigMapping, _ key: String, limit: Int = 1 << 20) -> (path: String, bytes: [UInt8], mark: Mark?)? {
        guard let name = string(mapping, key) else { return nil }
        let path = resolvePath(name.value)
        switch FileAccess.readAll(path, limit: limit) {
        case .success(let bytes):
            return (path, bytes, name.mark)
        case .failure(let failure):
            problem("cannot read \(path): \(failure.reason)", key: mapping.path(key), at: name.mark)
            return nil
        }
    }

    /// Reads the file at `key` as UTF-8 text.
    func textFile(_ mapping: ConfigMapping, _ key: String) -> (path: String, text: String, mark: Mark?)? {
        guard let (path, bytes, mark) = file(mapping, key) else { return nil }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            problem("\(path) is not UTF-8 text", key: mapping.path(key), at: mark)
            return nil
        }
        return (path, text, mark)
    }

    /// Reads a file that holds a secret (`api_key_file`, `password_file`, `url_file`, `headers_file`), warning when
    /// other users can read it.
    func secretFile(_ mapping: ConfigMapping, _ key: String) -> (path: String, text: String, mark: Mark?)? {
        guard let found = textFile(mapping, key) else { return nil }
        warnIfReadableByOthers(found.path, holding: "a secret", key: mapping.path(key), at: found.mark)
        return found
    }

    /// A secret written into the configuration file itself (not `${VAR}`) makes the file a secret too.
    func noteInlineSecret(_ scalar: Scalar, key: String) {
        guard !scalar.raw.contains("${"), !inlineSecretWarned else { return }
        inlineSecretWarned = true
        warnIfReadableByOthers(file, holding: "a secret written inline", key: key, at: scalar.mark)
    }

    func warnIfReadableByOthers(_ path: String, holding what: String, key: String, at mark: Mark?) {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber,
            mode.intValue & 0o004 != 0
        else { return }
        warning(
            "\(path) holds \(what) but every user on this machine can read it (mode \(String(mode.intValue & 0o777, radix: 8))); "
                + "chmod o-rwx it (e.g. 0600, or 0640 with the exporter's group)", key: key, at: mark)
    }

    /// A readable file at `key` that contains `marker`; the TLS library parses it later.
    func pemFile(
        _ mapping: ConfigMapping, _ key: String, marker: String, what: String
    ) -> ConfigFileReference? {
        guard let (path, bytes, mark) = file(mapping, key) else { return nil }
        guard bytes.firstRange(of: Array(marker.utf8)) != nil else {
            problem("\(path) contains no PEM \(what) (\(marker))", key: mapping.path(key), at: mark)
            return nil
        }
        return ConfigFileReference(path: path, location: location(mapping.path(key), mark))
    }

    func location(_ key: String, _ mark: Mark?) -> ConfigLocation {
        ConfigLocation(file: file, line: mark?.line, column: mark?.column, key: key)
    }

    // MARK: Helpers

    static func isNull(_ node: Node) -> Bool {
        node.scalar.map { NSNull.construct(from: $0) != nil } ?? false
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: isNull(node) ? "nothing" : "a single value"
        case .alias: "an alias"
        }
    }

    /// Edit distance counting a swap of neighbours as one edit (`tsl` → `tls`), for "did you mean" hints.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
