import Exporter

/// Findings as `reconcile` prints them.
enum FindingOutput {
    static let columns = [
        "id", "kind", "target", "subscription", "expected", "actual", "ref", "source", "opened_at", "acknowledged_by",
        "comment",
    ]

    static func cells(_ finding: FindingDTO) -> [String] {
        [
            String(finding.id), finding.kind, finding.target, finding.subscription, finding.expected ?? "",
            finding.actual ?? "", finding.ref ?? "", finding.source, finding.openedAt, finding.acknowledgedBy ?? "",
            finding.comment ?? "",
        ]
    }

    static func table(_ findings: [FindingDTO]) -> String {
        guard !findings.isEmpty else { return "no open finding" }
        var table = TextTable(header: ["ID", "KIND", "TARGET", "SUBSCRIPTION", "BILLING", "PLESK", "REF", "OPENED", "ACK"])
        for finding in findings {
            table.append([
                String(finding.id), finding.kind, finding.target.isEmpty ? "(any)" : finding.target,
                finding.subscription, finding.expected ?? "-", finding.actual ?? "-", finding.ref ?? "-",
                finding.openedAt, finding.acknowledgedBy ?? "-",
            ])
        }
        return table.render()
    }

    static func csv(_ findings: [FindingDTO]) -> String {
        ([CSV.line(columns)] + findings.map { CSV.line(cells($0)) }).joined(separator: "\n")
    }
}
