import InventoryModel
import SwiftCSV

/// Reads an expected inventory from CSV text (UTF-8, a header row), with SwiftCSV doing the quoting, escaped quotes,
/// embedded newlines, CRLF and the byte-order mark.
///
/// All or nothing: any problem fails the whole source with the origin (file or URL), the line and the column, so a
/// half-read export never opens a finding.
public struct CSVExpectedReader: Sendable {
    /// The source's name.
    public var source: String
    /// The file or URL, for messages.
    public var origin: String
    public var columns: ColumnMapping

    public init(source: String, origin: String, columns: ColumnMapping = ColumnMapping()) {
        self.source = source
        self.origin = origin
        self.columns = columns
    }

    /// Billing systems' status words, lowercased: WHMCS, Blesta and HostBill exports as they are. Pending, completed
    /// and in-review services are not provisioned yet (or are one-off orders): their rows are skipped.
    static let statuses: [String: ExpectedStatus?] = [
        "active": .active, "suspended": .suspended, "terminated": .terminated, "cancelled": .terminated,
        "canceled": .terminated, "fraud": .terminated, "pending": nil, "completed": nil, "in_review": nil,
        "in review": nil,
    ]

    /// The rows of `text`.
    /// - Throws: ``ExpectedSourceError`` (`empty` or `malformed`).
    public func read(_ text: String) throws(ExpectedSourceError) -> [ExpectedRow] {
        // Every quote opens or closes a quoted field, or is half of an escaped pair: an odd count is a quoted field
        // that never ends — a truncated download, which SwiftCSV would end silently at the last byte.
        if text.utf8.lazy.filter({ $0 == UInt8(ascii: "\"") }).count % 2 != 0 {
            throw failure(.malformed, "a quoted field is not closed before the end (a truncated file?)")
        }
        var records: [[String]] = []
        do {
            let csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            // The raw rows: the parsed view pads short rows, which would hide a truncated last row.
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { records.append($0) }
        } catch {
            throw failure(.malformed, "not CSV: \(error)")
        }
        var line = 1
        var header: [String]?
        var headerLine = 1
        var rows: [ExpectedRow] = []
        var positions: [ColumnMapping.Column: Int] = [:]
        for record in records {
            let recordLine = line
            line += 1 + record.reduce(0) { count, field in count + field.filter(\.isNewline).count }
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let names = header else {
                header = record.map { $0.trimmingCharacters(in: .whitespaces) }
                headerLine = recordLine
                positions = try self.positions(in: header!, line: recordLine)
                continue
            }
            guard record.count == names.count else {
                throw failure(
                    .malformed,
                    "\(origin):\(recordLine): the row has \(record.count) fields, the header (line \(headerLine)) has"
                        + " \(names.count)")
            }
            if let row = try self.row(record, positions: positions, line: recordLine) { rows.append(row) }
        }
        guard header != nil else { throw failure(.empty, "\(origin): no header row") }
        guard !rows.isEmpty else { throw failure(.empty, "\(origin): a header and no subscription") }
        return rows
    }

    private func positions(in header: [String], line: Int) throws(ExpectedSourceError) -> [ColumnMapping.Column: Int] {
        var positions: [ColumnMapping.Column: Int] = [:]
        let lowered = header.map { $0.lowercased() }
        for column in ColumnMapping.Column.allCases {
            let name = columns.header(for: column)
            if let index = lowered.firstIndex(of: name.lowercased()) { positions[column] = index }
        }
        for column in [ColumnMapping.Column.subscription, .status] where positions[column] == nil {
            let renamed = columns.renames[column] == nil ? "" : " (mapped from \(column.rawValue) in columns:)"
            throw failure(
                .malformed,
                "\(origin):\(line): no column \(columns.header(for: column))\(renamed); the header has "
                    + header.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return positions
    }

    private func row(_ record: [String], positions: [ColumnMapping.Column: Int], line: Int) throws(ExpectedSourceError)
        -> ExpectedRow?
    {
        func value(_ column: ColumnMapping.Column) -> String? {
            guard let index = positions[column] else { return nil }
            let field = record[index]
            // Foundation's trimming goes through UTF-16 for every field; most have nothing to trim.
            guard field.first?.isWhitespace == true || field.last?.isWhitespace == true else {
                return field.isEmpty ? nil : field
            }
            let text = field.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        func malformed(_ column: ColumnMapping.Column, _ what: String) -> ExpectedSourceError {
            failure(.malformed, "\(origin):\(line): column \(columns.header(for: column)): \(what)")
        }
        guard let statusText = value(.status) else { throw malformed(.status, "empty") }
        guard let known = Self.statuses[statusText.lowercased()] else {
            throw malformed(
                .status,
                "\"\(statusText)\" is not a status (active, suspended, terminated; or WHMCS, Blesta or HostBill's"
                    + " words for them)")
        }
        guard let status = known else { return nil }
        guard let name = value(.subscription) else { throw malformed(.subscription, "empty") }
        guard let subscription = SubscriptionName.normalized(name) else {
            throw malformed(.subscription, "\"\(name)\" is not a domain name")
        }
        return ExpectedRow(
            subscription: subscription, status: status, server: value(.server)?.lowercased(), owner: value(.owner),
            plan: value(.plan), ref: value(.ref), source: source, origin: "\(origin):\(line)")
    }

    private func failure(_ reason: ExpectedSourceError.Reason, _ detail: String) -> ExpectedSourceError {
        ExpectedSourceError(reason: reason, source: source, detail: detail)
    }
}
