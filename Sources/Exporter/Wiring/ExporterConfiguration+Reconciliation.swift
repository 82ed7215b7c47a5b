import ExporterConfig
import Notifications
import Inventory
import InventoryModel
import Reconciliation

extension ExporterConfiguration {
    /// The configured billing sources.
    public var expectedSources: [any ExpectedSource] {
        expected.map { source in
            CSVFileSource(
                name: source.name, path: source.file,
                columns: ColumnMapping(
                    renames: Dictionary(
                        source.columns.compactMap { key, header in
                            ColumnMapping.Column(rawValue: key).map { ($0, header) }
                        }, uniquingKeysWith: { first, _ in first })))
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
            webhooks: { finding, change in endpoints.filter { $0.wants(finding: finding, change: change) }.map(\.id) })
    }
}
