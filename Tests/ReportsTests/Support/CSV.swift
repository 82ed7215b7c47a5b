/// A strict RFC 4180 reader, to check that the report's CSV parses back to what was written.
enum CSV {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Rows of fields; the document must use CRLF line ends and end with one.
    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        var fieldStarted = false
        while let character = characters.first {
            characters = characters.dropFirst()
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters = characters.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard field.isEmpty && !fieldStarted else {
                    throw Malformed(description: "quote inside a field: \(field)")
                }
                quoted = true
                fieldStarted = true
            case ",":
                row.append(field)
                field = ""
                fieldStarted = false
            case "\r\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                fieldStarted = false
            case "\n", "\r":
                throw Malformed(description: "bare line break after \(row)")
            default:
                field.append(character)
                fieldStarted = true
            }
        }
        guard !quoted, row.isEmpty, field.isEmpty else { throw Malformed(description: "unterminated last row") }
        return rows
    }
}
