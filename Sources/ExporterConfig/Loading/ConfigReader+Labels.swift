import Yams

extension ConfigReader {
    /// Label names the exporter sets itself, or that Prometheus gives a meaning to; a target's extra
    /// labels may not use them.
    static let reservedLabelNames: Set<String> = [
        "target", "hosting_type", "account_type", "status", "object", "change", "result", "reason", "endpoint",
        "domain", "client_login", "statistic", "hostname", "panel_version", "platform", "le", "quantile", "job", "instance",
        "name", "event_id", "kind", "plan", "subscription", "limit", "transition", "ref", "expected", "actual", "source",
    ]

    func readLabels(_ target: ConfigMapping) -> [String: String] {
        guard let entry = target["labels"], !Self.isNull(entry.value) else { return [:] }
        let path = target.path("labels")
        guard let mapping = entry.value.mapping else {
            problem("expected a mapping of label names to values, found \(Self.kind(of: entry.value))", key: path,
                at: entry.value.mark)
            return [:]
        }
        var labels: [String: String] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.scalar?.string, !Self.isNull(keyNode) else {
                problem("label names must be plain strings", key: path, at: keyNode.mark)
                continue
            }
            let labelPath = "\(path).\(name)"
            if let message = Self.labelNameProblem(name) {
                problem(message, key: labelPath, at: keyNode.mark)
                continue
            }
            guard let value = scalar(valueNode, path: labelPath) else { continue }
            guard !value.value.isEmpty else {
                problem("must not be empty (an empty label value is the same as no label)", key: labelPath, at: value.mark)
                continue
            }
            labels[name] = value.value
        }
        return labels
    }

    static func labelNameProblem(_ name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        guard let first = scalars.first, isLetter(first),
            scalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) })
        else {
            return "\(quote(name)) is not a valid label name: use letters, digits and _, not starting with a digit"
        }
        if name.hasPrefix("__") {
            return "label names starting with __ are reserved for Prometheus"
        }
        if reservedLabelNames.contains(name) {
            return "\(quote(name)) is a label the exporter or Prometheus already uses; choose another name"
        }
        return nil
    }
}
