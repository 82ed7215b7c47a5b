import Foundation

/// The compact JSON text kept in TEXT columns (count maps, changed-field lists).
enum JSONText {
    static func encode(_ map: [String: Int]) -> String {
        encodeSorted(map) ?? "{}"
    }

    static func encode(_ list: [String]) -> String {
        list.isEmpty ? "[]" : (encodeSorted(list) ?? "[]")
    }

    static func decodeMap(_ text: String, column: String) throws -> [String: Int] {
        try decode([String: Int].self, text, column: column)
    }

    static func decodeList(_ text: String, column: String) throws -> [String] {
        text == "[]" ? [] : try decode([String].self, text, column: column)
    }

    /// Any Codable value as compact sorted JSON (nil when it cannot be encoded).
    static func encodeValue<T: Encodable>(_ value: T) -> String? { encodeSorted(value) }

    static func decodeValue<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
        try decode(type, text, column: column)
    }

    private static func encodeSorted<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StorageError(.corruptValue, "column \(column) holds invalid JSON")
        }
    }
}
