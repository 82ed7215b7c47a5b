/// A GitHub-flavoured markdown table whose columns are padded to equal width, so that it reads as a table in a
/// terminal or a plain-text e-mail as well as rendered.
struct MarkdownTable {
    enum Alignment {
        case left
        case right
    }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(header: String, alignment: Alignment)]) {
        headers = columns.map(\.header)
        alignments = columns.map(\.alignment)
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// A cell's text: pipes escaped, line breaks folded, so that one cell stays one cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    var text: String {
        let cells = ([headers] + rows).map { $0.map(Self.cell) }
        var widths = headers.map { _ in 3 }
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ row: [String]) -> String {
            let padded = widths.indices.map { index -> String in
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return alignments[index] == .right ? padding + cell : cell + padding
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = widths.indices.map { index in
            alignments[index] == .right
                ? String(repeating: "-", count: widths[index] - 1) + ":" : String(repeating: "-", count: widths[index])
        }
        var lines = [line(cells[0]), "| " + rule.joined(separator: " | ") + " |"]
        lines += cells.dropFirst().map(line)
        return lines.joined(separator: "\n")
    }
}
