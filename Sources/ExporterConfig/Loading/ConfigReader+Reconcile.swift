import InventoryModel

extension ConfigReader {
    static let expectedKeys = ["name", "file", "columns", "interval"]
    static let expectedColumns = ["subscription", "status", "server", "owner", "plan", "ref"]
    static let reconcileKeys = ["waive", "max_shrink", "confirm_reads"]
    static let waiverKeys = ["kind", "subscription", "target"]

    /// Reads `expected`: the billing sources.
    func readExpected(_ document: ConfigMapping) -> [ExpectedSourceConfiguration] {
        let nodes = sequence(document["expected"]?.value, path: "expected", at: document["expected"]?.keyMark)
        var sources: [ExpectedSourceConfiguration] = []
        var names: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            guard let source = mapping(node, path: "expected[\(index)]", allowed: Self.expectedKeys) else { continue }
            guard let name = string(source, "name") else {
                problem("missing name: every source needs one (its label in metrics and findings)",
                    key: source.path("name"), at: source.mark)
                continue
            }
            if let first = names[name.value] {
                problem("expected[\(first)] has the same name", key: source.path("name"), at: name.mark)
                continue
            }
            names[name.value] = index
            guard let file = string(source, "file") else {
                problem("missing file: the CSV this source reads", key: source.path("file"), at: source.mark)
                continue
            }
            var result = ExpectedSourceConfiguration(name: name.value, file: resolvePath(file.value))
            if let columns = mapping(source["columns"]?.value, path: source.path("columns"), allowed: Self.expectedColumns) {
                for key in Self.expectedColumns {
                    if let header = string(columns, key) { result.columns[key] = header.value }
                }
            }
            if let interval = duration(source, "interval"),
                require(interval > .zero, source, "interval", "must be longer than 0s")
            {
                result.interval = interval
            }
            sources.append(result)
        }
        return sources
    }

    /// Reads `reconcile`; must run after the targets, whose names waivers may refer to.
    func readReconcile(_ document: ConfigMapping) -> ReconcileSettings {
        var settings = ReconcileSettings()
        guard let reconcile = mapping(document["reconcile"]?.value, path: "reconcile", allowed: Self.reconcileKeys)
        else { return settings }
        if let fraction = double(reconcile, "max_shrink"),
            require(fraction > 0 && fraction <= 1, reconcile, "max_shrink", "must be in (0, 1]")
        {
            settings.maxShrink = fraction
        }
        if let reads = int(reconcile, "confirm_reads"),
            require(reads >= 1, reconcile, "confirm_reads", "must be at least 1")
        {
            settings.confirmReads = reads
        }
        let nodes = sequence(reconcile["waive"]?.value, path: reconcile.path("waive"), at: reconcile["waive"]?.keyMark)
        for (index, node) in nodes.enumerated() {
            let path = reconcile.path("waive") + "[\(index)]"
            guard let rule = mapping(node, path: path, allowed: Self.waiverKeys) else { continue }
            if rule.entries.isEmpty {
                problem("an empty waiver would waive every finding; give at least one of kind, subscription, target",
                    key: rule.path, at: rule.mark ?? node.mark)
                continue
            }
            var waiver = FindingWaiver()
            waiver.kind = choice(rule, "kind", FindingKind.self)
            waiver.subscription = string(rule, "subscription")?.value.lowercased()
            if let target = string(rule, "target") {
                if targetNames.contains(target.value) {
                    waiver.target = target.value
                } else {
                    problem("no target is named \(target.quoted)", key: rule.path("target"), at: target.mark)
                }
            }
            settings.waivers.append(waiver)
        }
        return settings
    }
}
