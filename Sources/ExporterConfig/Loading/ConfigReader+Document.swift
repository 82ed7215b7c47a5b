import Yams

extension ConfigReader {
    static let topLevelKeys = [
        "global", "targets", "storage", "metrics", "notifications", "auto_acknowledge", "expected", "reconcile",
    ]

    /// Reads the whole document. The result is only meaningful when `problems` is empty.
    func readConfiguration(_ root: Node?) -> ExporterConfiguration {
        var configuration = ExporterConfiguration()
        guard let document = mapping(root, path: "", allowed: Self.topLevelKeys) else { return configuration }

        if let global = mapping(document["global"]?.value, path: "global", allowed: Self.globalKeys) {
            configuration.global = readGlobal(global)
        }
        configuration.targets = readTargets(document, global: configuration.global)
        if let storage = mapping(document["storage"]?.value, path: "storage", allowed: ["retention"]) {
            if let retention = duration(storage, "retention"),
                require(retention > .zero, storage, "retention", "must be longer than 0s")
            {
                configuration.storage.retention = retention
            }
        }
        if let metrics = mapping(document["metrics"]?.value, path: "metrics", allowed: ["domain_info", "subscription_usage"]) {
            configuration.metrics.domainInfo = bool(metrics, "domain_info") ?? false
            configuration.metrics.subscriptionUsage = bool(metrics, "subscription_usage") ?? false
        }
        if let notifications = mapping(
            document["notifications"]?.value, path: "notifications", allowed: ["webhooks"])
        {
            configuration.notifications.webhooks = readWebhooks(notifications)
        }
        configuration.autoAcknowledge = readAutoAcknowledge(document)
        configuration.expected = readExpected(document)
        configuration.reconcile = readReconcile(document)
        return configuration
    }
}
