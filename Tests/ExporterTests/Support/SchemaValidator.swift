import Foundation

/// A JSON Schema (2020-12, as OpenAPI 3.1 uses it) validator for exactly the subset docs/openapi.json uses: `type`
/// (also a list of types), `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`, `$ref` into
/// the document, `anyOf`, `oneOf`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `pattern` and
/// `format` (`date-time` checked as RFC 3339, `int64` as its range), plus the annotations `description`,
/// `examples` and `default`. Any other keyword is reported as an error, so the document cannot drift out of what is
/// checked here.
struct SchemaValidator {
    /// The whole OpenAPI document, where `$ref`s point.
    let document: JSONAny

    static let assertions: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "$ref", "anyOf", "oneOf",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "format",
    ]
    static let annotations: Set<String> = ["description", "examples", "default"]
    static let formats: Set<String> = ["date-time", "int64"]

    /// Every way `instance` breaks `schema`, as `path: problem` lines; empty when it conforms.
    func errors(_ instance: JSONAny, _ schema: JSONAny, path: String = "$") -> [String] {
        guard case .object(let keywords) = schema else {
            if schema == .bool(true) { return [] }
            if schema == .bool(false) { return ["\(path): no value is allowed here"] }
            return ["\(path): a schema must be an object or a boolean"]
        }
        var errors: [String] = []
        for keyword in keywords.keys.sorted() where !Self.assertions.contains(keyword) && !Self.annotations.contains(keyword) {
            errors.append("\(path): unsupported schema keyword '\(keyword)'")
        }
        if case .string(let reference)? = keywords["$ref"] {
            if let target = resolve(reference) {
                errors += self.errors(instance, target, path: path)
            } else {
                errors.append("\(path): unresolvable $ref \(reference)")
            }
        }
        if let type = keywords["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: allowed = []
            }
            if !allowed.contains(where: { Self.matches(instance, type: $0) }) {
                errors.append("\(path): expected \(allowed.joined(separator: " or ")), got \(Self.describe(instance))")
                return errors
            }
        }
        if let constant = keywords["const"], !Self.equal(instance, constant) {
            errors.append("\(path): expected \(Self.describe(constant)), got \(Self.describe(instance))")
        }
        if case .array(let values)? = keywords["enum"], !values.contains(where: { Self.equal(instance, $0) }) {
            errors.append("\(path): \(Self.describe(instance)) is not one of \(values.map(Self.describe))")
        }
        if case .array(let choices)? = keywords["anyOf"] {
            let results = choices.map { self.errors(instance, $0, path: path) }
            if !results.contains(where: \.isEmpty) {
                errors.append("\(path): matches none of anyOf: \(results.flatMap { $0 })")
            }
        }
        if case .array(let choices)? = keywords["oneOf"] {
            let results = choices.map { self.errors(instance, $0, path: path) }
            let matching = results.count(where: \.isEmpty)
            if matching != 1 {
                errors.append("\(path): matches \(matching) of oneOf, not exactly one: \(results.flatMap { $0 })")
            }
        }
        switch instance {
        case .object(let members):
            errors += objectErrors(members, keywords, path: path)
        case .array(let items):
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    errors += self.errors(item, itemSchema, path: "\(path)[\(index)]")
                }
            }
        case .number(let value):
            errors += Self.numberErrors(value, keywords, path: path)
        case .string(let text):
            errors += Self.stringErrors(text, keywords, path: path)
        case .null, .bool:
            break
        }
        return errors
    }

    private func objectErrors(_ members: [String: JSONAny], _ keywords: [String: JSONAny], path: String) -> [String] {
        var errors: [String] = []
        var properties: [String: JSONAny] = [:]
        if case .object(let declared)? = keywords["properties"] { properties = declared }
        if case .array(let required)? = keywords["required"] {
            for case .string(let name) in required where members[name] == nil {
                errors.append("\(path): missing required member '\(name)'")
            }
        }
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            let memberPath = "\(path).\(name)"
            if let schema = properties[name] {
                errors += self.errors(value, schema, path: memberPath)
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    errors.append("\(memberPath): not allowed (additionalProperties is false)")
                } else {
                    errors += self.errors(value, additional, path: memberPath)
                }
            }
        }
        return errors
    }

    private static func numberErrors(_ value: Double, _ keywords: [String: JSONAny], path: String) -> [String] {
        var errors: [String] = []
        if case .number(let bound)? = keywords["minimum"], value < bound { errors.append("\(path): \(value) < \(bound)") }
        if case .number(let bound)? = keywords["maximum"], value > bound { errors.append("\(path): \(value) > \(bound)") }
        if case .number(let bound)? = keywords["exclusiveMinimum"], value <= bound {
            errors.append("\(path): \(value) <= \(bound)")
        }
        if case .number(let bound)? = keywords["exclusiveMaximum"], value >= bound {
            errors.append("\(path): \(value) >= \(bound)")
        }
        if case .string(let format)? = keywords["format"] {
            if !formats.contains(format) {
                errors.append("\(path): unsupported format '\(format)'")
            } else if format == "int64", !(value.rounded() == value && abs(value) <= 9.3e18) {
                errors.append("\(path): \(value) is not an int64")
            }
        }
        return errors
    }

    private static func stringErrors(_ text: String, _ keywords: [String: JSONAny], path: String) -> [String] {
        var errors: [String] = []
        if case .string(let pattern)? = keywords["pattern"] {
            if let expression = try? NSRegularExpression(pattern: pattern) {
                let range = NSRange(text.startIndex..., in: text)
                if expression.firstMatch(in: text, range: range) == nil {
                    errors.append("\(path): \"\(text)\" does not match \(pattern)")
                }
            } else {
                errors.append("\(path): invalid pattern \(pattern)")
            }
        }
        if case .string(let format)? = keywords["format"] {
            if !formats.contains(format) {
                errors.append("\(path): unsupported format '\(format)'")
            } else if format == "date-time", !isRFC3339(text) {
                errors.append("\(path): \"\(text)\" is not an RFC 3339 date-time")
            }
        }
        return errors
    }

    /// `#/components/schemas/Name` (any JSON pointer into the document without escapes).
    func resolve(_ reference: String) -> JSONAny? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard case .object(let members) = node, let next = members[String(part)] else { return nil }
            node = next
        }
        return node
    }

    static func matches(_ instance: JSONAny, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            return true
        case ("integer", .number(let value)):
            return value.rounded() == value && value.isFinite
        default:
            return false
        }
    }

    /// JSON equality: numbers by value.
    static func equal(_ lhs: JSONAny, _ rhs: JSONAny) -> Bool { lhs == rhs }

    static func describe(_ value: JSONAny) -> String {
        switch value {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// RFC 3339 `date-time`: the grammar and the ranges of every field (February 29 only in leap years).
    static func isRFC3339(_ text: String) -> Bool {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$"#
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return false }
        func field(_ index: Int) -> Int? {
            guard let range = Range(match.range(at: index), in: text) else { return nil }
            return Int(text[range])
        }
        guard let year = field(1), let month = field(2), let day = field(3), let hour = field(4),
            let minute = field(5), let second = field(6)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...days[month - 1]).contains(day), hour <= 23, minute <= 59, second <= 60
        else { return false }
        if let offsetHours = field(9), let offsetMinutes = field(10) {
            return offsetHours <= 23 && offsetMinutes <= 59
        }
        return true
    }

    /// Keywords outside the subset anywhere in a schema (and the schemas under it), as `path: keyword` lines.
    func unsupportedKeywords(_ schema: JSONAny, path: String) -> [String] {
        guard case .object(let keywords) = schema else { return [] }
        var found: [String] = []
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            let here = "\(path)/\(keyword)"
            if !Self.assertions.contains(keyword) && !Self.annotations.contains(keyword) {
                found.append("\(path): \(keyword)")
            }
            if case .string(let format) = value, keyword == "format", !Self.formats.contains(format) {
                found.append("\(path): format \(format)")
            }
            switch keyword {
            case "properties":
                if case .object(let members) = value {
                    for (name, member) in members { found += unsupportedKeywords(member, path: "\(here)/\(name)") }
                }
            case "items", "additionalProperties":
                found += unsupportedKeywords(value, path: here)
            case "anyOf", "oneOf":
                if case .array(let choices) = value {
                    for (index, choice) in choices.enumerated() {
                        found += unsupportedKeywords(choice, path: "\(here)/\(index)")
                    }
                }
            default:
                break
            }
        }
        return found
    }
}
