import Foundation
import InventoryModel
import Yams

extension ConfigReader {
    static let targetKeys = [
        "name", "url", "api_key", "api_key_file", "basic_auth", "tls", "poll_interval", "timeout", "concurrency",
        "labels", "collect",
    ]
    static let collectKeys = [
        "owners", "owners_refresh", "domain_status", "client_statistics", "subscriptions", "service_plans",
        "usage_refresh",
    ]

    func readTargets(_ document: ConfigMapping, global: GlobalSettings) -> [TargetConfiguration] {
        guard let entry = document["targets"], !Self.isNull(entry.value) else {
            problem("no targets: configure at least one Plesk server (write targets: [] to poll nothing on purpose)",
                key: "targets", at: document["targets"]?.keyMark)
            return []
        }
        let nodes = sequence(entry.value, path: "targets", at: entry.keyMark)
        if nodes.isEmpty, entry.value.sequence != nil {
            warning("the list is empty: nothing will be polled", key: "targets", at: entry.keyMark)
        }
        var targets: [TargetConfiguration] = []
        var firstMarks: [String: Mark?] = [:]
        for (index, node) in nodes.enumerated() {
            guard let target = mapping(node, path: "targets[\(index)]", allowed: Self.targetKeys) else { continue }
            let name = targetName(target)
            if let name {
                targetNames.insert(name.value)
                if let first = firstMarks[name.value] {
                    let where_ = first.map { "line \($0.line)" } ?? "an earlier target"
                    problem("duplicate target name \(Self.quote(name.value)), already used on \(where_)",
                        key: target.path("name"), at: name.mark)
                } else {
                    firstMarks[name.value] = name.mark
                }
            }
            if let configuration = readTarget(target, name: name?.value, global: global) {
                targets.append(configuration)
            }
        }
        return targets
    }

    private func targetName(_ target: ConfigMapping) -> Scalar? {
        guard target.contains("name") else {
            problem("missing name: every target needs a unique name", key: target.path("name"), at: target.mark)
            return nil
        }
        guard let name = string(target, "name") else { return nil }
        let allowed = name.value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._:-".unicodeScalars.contains($0)
        }
        guard allowed, name.value.count <= 128, name.value.first != "-" else {
            problem("\(name.quoted) is not a valid target name: use up to 128 letters, digits, '.', '_', ':' and '-'",
                key: target.path("name"), at: name.mark)
            return nil
        }
        return name
    }

    private func readTarget(_ target: ConfigMapping, name: String?, global: GlobalSettings) -> TargetConfiguration? {
        var url: URL?
        if target.contains("url") {
            if let text = string(target, "url") {
                url = httpURL(text.value, shown: text.quoted, key: target.path("url"), at: text.mark, isBase: true)
            }
        } else {
            problem("missing url, e.g. url: https://plesk.example.com:8443", key: target.path("url"), at: target.mark)
        }
        let credentials = readCredentials(target)
        let isPlainHTTP = url?.scheme?.lowercased() == "http"
        let tls = readTLS(target, isPlainHTTP: isPlainHTTP)
        let interval = pollInterval(target) ?? global.pollInterval
        let requestTimeout = timeout(target) ?? global.timeout
        let inFlight = concurrency(target) ?? global.concurrency
        let labels = readLabels(target)
        let collect = readCollect(target)

        if isPlainHTTP {
            warning("plain http:// sends the credentials unencrypted", key: target.path("url"), at: target.mark("url"))
        }
        if requestTimeout >= interval {
            warning("timeout (\(DurationParser.format(requestTimeout))) is not shorter than poll_interval (\(DurationParser.format(interval)))",
                key: target.path, at: target.mark)
        }
        guard let name, let url, let credentials else { return nil }
        return TargetConfiguration(
            name: name, url: url, credentials: credentials, tls: tls, pollInterval: interval, timeout: requestTimeout,
            concurrency: inFlight, labels: labels, collect: collect)
    }

    private func readCollect(_ target: ConfigMapping) -> CollectSettings {
        var settings = CollectSettings()
        guard let collect = mapping(target["collect"]?.value, path: target.path("collect"), allowed: Self.collectKeys)
        else { return settings }
        if let owners = bool(collect, "owners") { settings.owners = owners }
        if let refresh = duration(collect, "owners_refresh") { settings.ownersRefresh = refresh }
        if let status = bool(collect, "domain_status") { settings.domainStatus = status }
        if let statistics = bool(collect, "client_statistics") { settings.clientStatistics = statistics }
        if let subscriptions = bool(collect, "subscriptions") { settings.subscriptions = subscriptions }
        if let plans = bool(collect, "service_plans") { settings.servicePlans = plans }
        if let refresh = duration(collect, "usage_refresh") { settings.usageRefresh = refresh }
        return settings
    }
}
