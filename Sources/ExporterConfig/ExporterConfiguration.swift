/// The validated contents of `plesk_exporter.yml`, with defaults applied and `*_file` secrets read.
/// Build it with ``ConfigLoader``.
public struct ExporterConfiguration: Sendable, Hashable {
    public var global: GlobalSettings
    public var targets: [TargetConfiguration]
    public var storage: StorageSettings
    public var metrics: MetricsSettings
    public var notifications: NotificationSettings
    public var autoAcknowledge: [AutoAcknowledgeRule]
    /// Billing sources reconciliation compares the targets with (SPEC §16); none: no reconciliation.
    public var expected: [ExpectedSourceConfiguration] = []
    public var reconcile = ReconcileSettings()
    /// Things that are allowed but probably unintended (plain `http://`, `insecure_skip_verify`, …);
    /// log them at startup and show them in `check-config`.
    public var warnings: [ConfigProblem]

    public init(
        global: GlobalSettings = .init(), targets: [TargetConfiguration] = [], storage: StorageSettings = .init(),
        metrics: MetricsSettings = .init(), notifications: NotificationSettings = .init(),
        autoAcknowledge: [AutoAcknowledgeRule] = [], warnings: [ConfigProblem] = []
    ) {
        self.global = global
        self.targets = targets
        self.storage = storage
        self.metrics = metrics
        self.notifications = notifications
        self.autoAcknowledge = autoAcknowledge
        self.warnings = warnings
    }

    /// The target with this name.
    public func target(named name: String) -> TargetConfiguration? {
        targets.first { $0.name == name }
    }

    /// Every extra label name used by any target, sorted. swift-prometheus needs one label set per metric
    /// family, so give each target all of these, with `""` for those it does not set.
    public var targetLabelNames: [String] {
        Set(targets.flatMap(\.labels.keys)).sorted()
    }
}
