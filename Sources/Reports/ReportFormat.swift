/// The document formats a report is rendered in (SPEC §10).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Reads well in a terminal and pasted into an e-mail or a ticket.
    case markdown
    /// One row per change, for spreadsheets.
    case csv
    /// The same facts as the markdown, machine-readable.
    case json
    /// One self-contained page with charts, for a browser, a mail client or a printer.
    case html

    /// Parses a format name, or fails with the list of valid ones.
    public init(parsing text: String) throws(ReportError) {
        guard let format = ReportFormat(rawValue: text.lowercased()) else {
            throw ReportError(
                .unknownFormat,
                "unknown report format '\(text)': use one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = format
    }

    /// The HTTP `Content-Type` of the raw document.
    public var contentType: String {
        switch self {
        case .markdown: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .json: "application/json; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }

    /// The usual file name extension.
    public var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .csv: "csv"
        case .json: "json"
        case .html: "html"
        }
    }
}
