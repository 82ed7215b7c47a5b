import ExporterConfig
import Notifications
import Inventory
import InventoryModel
import Reconciliation

extension ExporterConfiguration {
    /// The configured billing sources.
    public var expectedSources: [any ExpectedSource] {
        expected.map { source -> any ExpectedSource in
            let columns = ColumnMapping(
                renames: Dictionary(
                    source.columns.compactMap { key, header in
                        ColumnMapping.Column(rawValue: key).map { ($0, header) }
                    }, uniquingKeysWith: { first, _ in first }))
            switch source.kind {
            case .file(let path):
                return CSVFileSource(name: source.name, path: path, columns: columns)
            case .url(let settings):
                return CSVURLSource(
                    name: source.name, url: settings.url, headers: settings.headers.map { ($0.name, $0.value.value) },
                    tls: settings.tls, timeout: settings.timeout, columns: columns, interval: source.interval)
            case .whmcs(let settings):
                return WHMCSSource(
                    name: source.name, url: settings.url, identifier: settings.identifier.value,
                    secret: settings.secret.value, tls: settings.tls, timeout: settings.timeout,
                    interval: source.interval)
            }
        }
    }

    /// The reconciliation engine over `history` and `store`; nil without sources.
    public func reconciliationEngine(history: any HistoryReader, store: any ReconciliationStore)
        -> ReconciliationEngine?
    {
        guard !expected.isEmpty else { return nil }
        let settings = reconcile
        let endpoints = webhookEndpoints.filter { !$0.findings.isEmpty }
        return ReconciliationEngine(
            sources: expectedSources,
            targets: targets.map { .init(name: $0.name, collectsSubscriptions: $0.collect.subscriptions) },
            history: history, store: store,
            shrinkGuard: ShrinkGuard(maxFraction: settings.maxShrink, confirmReads: settings.confirmReads),
            waived: { settings.isWaived($0) },
            webhooks: { finding, _ in endpoints.filter { $0.wants(finding: finding) }.map(\.id) })
    }
}
