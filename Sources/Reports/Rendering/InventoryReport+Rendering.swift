import Foundation

extension InventoryReport {
    /// The report as a document of `format`. Markdown and HTML show at most `maxRows` rows of a long list; CSV and
    /// JSON are always complete. JSON is the raw report object (the HTTP API wraps it in its envelope).
    public func render(_ format: ReportFormat, maxRows: Int = InventoryReport.defaultMaxRows) -> String {
        switch format {
        case .markdown: MarkdownRenderer(report: self, maxRows: max(maxRows, 0)).render()
        case .csv: CSVRenderer(report: self).render()
        case .json: json()
        case .html: HTMLRenderer(report: self, maxRows: max(maxRows, 0)).render()
        }
    }

    /// Pretty-printed with sorted keys.
    func json() -> String {
        // Encoding plain strings, numbers and dictionaries cannot fail.
        let data = (try? ReportJSON.encoder(pretty: true).encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
