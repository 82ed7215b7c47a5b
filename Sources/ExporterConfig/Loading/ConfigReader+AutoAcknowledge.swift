import InventoryModel

extension ConfigReader {
    static let autoAcknowledgeKeys = ["object", "change", "name", "target"]

    /// Reads `auto_acknowledge`; must run after the targets, whose names rules may refer to.
    func readAutoAcknowledge(_ document: ConfigMapping) -> [AutoAcknowledgeRule] {
        let nodes = sequence(document["auto_acknowledge"]?.value, path: "auto_acknowledge",
            at: document["auto_acknowledge"]?.keyMark)
        var rules: [AutoAcknowledgeRule] = []
        for (index, node) in nodes.enumerated() {
            guard let rule = mapping(node, path: "auto_acknowledge[\(index)]", allowed: Self.autoAcknowledgeKeys) else {
                continue
            }
            if rule.entries.isEmpty {
                problem("an empty rule would acknowledge every event; give at least one of \(Self.autoAcknowledgeKeys.joined(separator: ", "))",
                    key: rule.path, at: rule.mark ?? node.mark)
                continue
            }
            var result = AutoAcknowledgeRule()
            result.object = choice(rule, "object", ObjectKind.self)
            result.change = choice(rule, "change", ChangeKind.self)
            result.name = string(rule, "name")?.value
            if let target = string(rule, "target") {
                if targetNames.contains(target.value) {
                    result.target = target.value
                } else {
                    problem("no target is named \(target.quoted)", key: rule.path("target"), at: target.mark)
                }
            }
            rules.append(result)
        }
        return rules
    }
}
