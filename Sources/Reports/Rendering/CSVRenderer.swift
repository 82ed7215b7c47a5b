import Foundation
import InventoryModel

/// The CSV document: one row per change of the period, every target, complete (RFC 4180: a header row, CRLF line
/// ends, fields quoted when they hold a comma, a quote or a line break).
///
/// It starts with a UTF-8 byte order mark: without it Excel reads the file as the local 8-bit code page and garbles
/// internationalised names, and with it LibreOffice, Google Sheets and Numbers still read it as UTF-8.
struct CSVRenderer {
    static let columns = [
        "target", "at", "object", "change", "name", "key", "changed_fields", "before", "after", "acknowledged_by",
        "acknowledge_comment",
    ]

    let report: InventoryReport

    func render() -> String {
        var lines = [Self.line(Self.columns)]
        for target in report.targets {
            for change in target.changes {
                lines.append(
                    Self.line([
                        change.target, ReportText.rfc3339(change.at), change.kind.rawValue, change.change.rawValue,
                        change.name, change.key, change.changedFields.joined(separator: " "), Self.json(change.before),
                        Self.json(change.after), change.acknowledgedBy ?? "", change.acknowledgeComment ?? "",
                    ]))
            }
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Compact JSON with sorted keys: unambiguous, and a spreadsheet formula can still pick fields out of it.
    static func json(_ fields: [String: JSONValue]?) -> String {
        guard let fields, let data = try? ReportJSON.encoder(pretty: false).encode(fields) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    static func field(_ text: String) -> String {
        guard
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ")
                || text.hasSuffix(" ")
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
