import Foundation
import InventoryModel

extension ConfigReader {
    static let expectedKeys = ["name", "file", "url", "whmcs", "headers_file", "tls", "timeout", "columns", "interval"]
    static let expectedKinds = ["file", "url", "whmcs"]
    static let whmcsKeys = ["url", "identifier_file", "secret_file", "tls", "timeout", "interval"]
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
            guard let chosen = readExpectedKind(source) else { continue }
            let kind = chosen.kind
            var result = ExpectedSourceConfiguration(name: name.value, kind: kind)
            if let columns = mapping(source["columns"]?.value, path: source.path("columns"), allowed: Self.expectedColumns) {
                if case .whmcs = kind, source.contains("columns") {
                    warning("has no effect: WHMCS's fields are fixed", key: columns.path, at: columns.mark)
                }
                for key in Self.expectedColumns {
                    if let header = string(columns, key) { result.columns[key] = header.value }
                }
            }
            if let interval = duration(source, "interval"),
                require(interval > .zero, source, "interval", "must be longer than 0s")
            {
                result.interval = interval
            }
            if let interval = chosen.interval, !source.contains("interval") { result.interval = interval }
            sources.append(result)
        }
        return sources
    }

    /// Exactly one of `file`, `url`, `whmcs`, with the options that kind takes.
    private func readExpectedKind(_ source: ConfigMapping)
        -> (kind: ExpectedSourceConfiguration.Kind, interval: Duration?)?
    {
        let given = Self.expectedKinds.filter { source.contains($0) }
        guard let chosen = given.first else {
            problem("missing file: give one of file (a CSV file), url (a CSV over HTTPS) or whmcs (its API)",
                key: source.path("file"), at: source.mark)
            return nil
        }
        for extra in given.dropFirst() {
            problem("give only one of file, url and whmcs; \(chosen) is given too", key: source.path(extra),
                at: source[extra]?.keyMark)
        }
        guard given.count == 1 else { return nil }
        // The HTTP options belong to url (whmcs has its own inside its mapping).
        if chosen != "url" {
            for key in ["headers_file", "tls", "timeout"] where source.contains(key) {
                problem("only a url source takes \(key)\(chosen == "whmcs" ? "; put it inside whmcs:" : "")",
                    key: source.path(key), at: source[key]?.keyMark)
            }
        }
        switch chosen {
        case "file":
            return string(source, "file").map { (.file(resolvePath($0.value)), nil) }
        case "url":
            return readExpectedURL(source).map { (.url($0), nil) }
        default:
            return readWHMCS(source).map { (.whmcs($0.settings), $0.interval) }
        }
    }

    private func readExpectedURL(_ source: ConfigMapping) -> ExpectedSourceConfiguration.URLSettings? {
        guard let text = string(source, "url") else { return nil }
        // A CSV's URL may carry a token in its query: never quoted.
        guard let url = httpURL(text.value, shown: nil, key: source.path("url"), at: text.mark, isBase: false) else {
            return nil
        }
        let isPlainHTTP = url.scheme?.lowercased() == "http"
        var settings = ExpectedSourceConfiguration.URLSettings(url: url, tls: readTLS(source, isPlainHTTP: isPlainHTTP))
        if let (path, text, mark) = secretFile(source, "headers_file") {
            settings.headersFile = path
            settings.headers = parseHeaders(text, file: path, key: source.path("headers_file"), at: mark)
        }
        if isPlainHTTP {
            warning("plain http://: the export\(settings.headers.isEmpty ? "" : " and its headers") travel unencrypted",
                key: source.path("url"), at: text.mark)
        }
        if let timeout = timeout(source) { settings.timeout = timeout }
        return settings
    }

    /// `whmcs:`, and the `interval` it may hold (SPEC §16 writes it there).
    private func readWHMCS(_ source: ConfigMapping)
        -> (settings: ExpectedSourceConfiguration.WHMCSSettings, interval: Duration?)?
    {
        guard let whmcs = mapping(source["whmcs"]?.value, path: source.path("whmcs"), allowed: Self.whmcsKeys) else {
            return nil
        }
        var url: URL?
        if let text = string(whmcs, "url") {
            url = httpURL(text.value, shown: text.quoted, key: whmcs.path("url"), at: text.mark, isBase: false)
            if let found = url, !found.path.lowercased().hasSuffix("/includes/api.php") {
                problem("must be the API's URL, ending in /includes/api.php (e.g. https://billing.example.com/includes/api.php)",
                    key: whmcs.path("url"), at: text.mark)
                url = nil
            }
            if let found = url, found.scheme?.lowercased() == "http" {
                warning("plain http://: the API credential travels unencrypted", key: whmcs.path("url"), at: text.mark)
            }
        } else if !whmcs.contains("url") {
            problem("missing url: WHMCS's API URL, ending in /includes/api.php", key: whmcs.path("url"), at: whmcs.mark)
        }
        let identifier = credentialFile(whmcs, "identifier_file", what: "the API credential's identifier")
        let secret = credentialFile(whmcs, "secret_file", what: "the API credential's secret")
        let isPlainHTTP = url?.scheme?.lowercased() == "http"
        let tls = readTLS(whmcs, isPlainHTTP: isPlainHTTP)
        let timeout = timeout(whmcs)
        if whmcs.contains("interval") && source.contains("interval") {
            problem("interval is given twice (here and inside whmcs:); keep one", key: source.path("interval"),
                at: source["interval"]?.keyMark)
        }
        var interval: Duration?
        if let value = duration(whmcs, "interval"), require(value > .zero, whmcs, "interval", "must be longer than 0s") {
            interval = value
        }
        guard let url, let identifier, let secret else { return nil }
        var settings = ExpectedSourceConfiguration.WHMCSSettings(
            url: url, identifierFile: identifier.path, identifier: Secret(identifier.value), secretFile: secret.path,
            secret: Secret(secret.value), tls: tls)
        if let timeout { settings.timeout = timeout }
        return (settings, interval)
    }

    /// A file holding one credential on its first line (trailing blanks and newline dropped).
    private func credentialFile(_ mapping: ConfigMapping, _ key: String, what: String) -> (path: String, value: String)? {
        guard mapping.contains(key) else {
            problem("missing \(key): the file holding \(what)", key: mapping.path(key), at: mapping.mark)
            return nil
        }
        guard let (path, text, mark) = secretFile(mapping, key) else { return nil }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty, !value.contains(where: \.isNewline) else {
            problem("\(path) must hold \(what) on one line", key: mapping.path(key), at: mark)
            return nil
        }
        return (path, value)
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
