import Foundation
import InventoryModel
import PleskAPI

extension ExporterConfiguration {
    /// A human-readable account of the effective configuration for `check-config`: every target with its
    /// URL, intervals, auth kind and TLS mode, defaults filled in. Never contains a secret: API keys,
    /// passwords and header values are left out and webhook URLs are cut to scheme, host and port.
    public func redactedSummary() -> String {
        var lines: [String] = []
        let duration = DurationParser.format
        lines.append(
            "global: poll_interval=\(duration(global.pollInterval)) timeout=\(duration(global.timeout))"
                + " concurrency=\(global.concurrency) max_response_size=\(ByteSizeParser.format(global.maxResponseBytes))"
                + " memory_limit=\(global.memoryLimit.map(ByteSizeParser.format) ?? "auto (the cgroup's limit, else 1GiB)")")
        lines.append(
            "  removal_guard: max_fraction=\(global.removalGuard.maxFraction) confirm_polls=\(global.removalGuard.confirmPolls)")
        lines.append("storage: retention=\(duration(storage.retention))")
        lines.append("metrics: domain_info=\(metrics.domainInfo)")

        lines.append("targets: \(targets.count)")
        for target in targets {
            lines.append("  \(target.name): \(target.url.absoluteString)")
            var auth = "auth=\(target.credentials.kind)"
            if case .basic(let username, _) = target.credentials { auth += " user=\(username)" }
            lines.append("    \(auth) tls=\(tlsSummary(target))")
            lines.append(
                "    poll_interval=\(duration(target.pollInterval)) timeout=\(duration(target.timeout))"
                    + " concurrency=\(target.concurrency)")
            if !target.labels.isEmpty {
                let labels = target.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
                lines.append("    labels: \(labels.joined(separator: " "))")
            }
            let collect = target.collect
            lines.append(
                "    collect: owners=\(collect.owners) owners_refresh=\(duration(collect.ownersRefresh))"
                    + " domain_status=\(collect.domainStatus) client_statistics=\(collect.clientStatistics)"
                    + " subscriptions=\(collect.subscriptions) service_plans=\(collect.servicePlans)"
                    + " usage_refresh=\(duration(collect.usageRefresh))")
        }

        lines.append("notifications: \(notifications.webhooks.count) webhook(s)")
        for hook in notifications.webhooks {
            var line = "  \(hook.format.rawValue) \(hook.displayURL)"
            line += " objects=\(hook.match.objects.isEmpty ? "all" : hook.match.objects.map(\.rawValue).joined(separator: ","))"
            line += " changes=\(hook.match.changes.isEmpty ? "all" : hook.match.changes.map(\.rawValue).joined(separator: ","))"
            if !hook.match.events { line += " events=false" }
            if !hook.match.findings.isEmpty { line += " findings=\(hook.match.findings.map(\.rawValue).joined(separator: ","))" }
            if let file = hook.headersFile {
                line += " headers=\(hook.headers.map(\.name).joined(separator: ",")) (from \(file))"
            }
            lines.append(line)
        }

        lines.append("auto_acknowledge: \(autoAcknowledge.count) rule(s)")
        for rule in autoAcknowledge {
            let fields: [(String, String?)] = [
                ("object", rule.object?.rawValue), ("change", rule.change?.rawValue), ("name", rule.name.map { "\"\($0)\"" }),
                ("target", rule.target),
            ]
            lines.append("  " + Self.setFields(fields))
        }

        lines.append(contentsOf: reconciliationSummary())

        if !warnings.isEmpty {
            lines.append("warnings: \(warnings.count)")
            lines.append(contentsOf: warnings.map { "  \($0)" })
        }
        return lines.joined(separator: "\n")
    }

    /// `expected:` and `reconcile:`; a CSV's URL may carry a token, so only its scheme, host and port are shown.
    private func reconciliationSummary() -> [String] {
        var lines = ["expected: \(expected.count) source(s)"]
        let duration = DurationParser.format
        for source in expected {
            var line = "  \(source.name): "
            switch source.kind {
            case .file(let path):
                line += "file \(path)"
            case .url(let settings):
                line += "url \(settings.url.redactedForDisplay) tls=\(tlsSummary(settings.tls, url: settings.url))"
                line += " timeout=\(duration(settings.timeout))"
                if let file = settings.headersFile {
                    line += " headers=\(settings.headers.map(\.name).joined(separator: ",")) (from \(file))"
                }
            case .whmcs(let settings):
                line += "whmcs \(settings.url.redactedForDisplay) tls=\(tlsSummary(settings.tls, url: settings.url))"
                line += " timeout=\(duration(settings.timeout)) credential from \(settings.identifierFile), \(settings.secretFile)"
            }
            line += " interval=\(duration(source.interval))"
            if !source.columns.isEmpty {
                line += " columns: " + source.columns.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
                    .joined(separator: " ")
            }
            lines.append(line)
        }
        if !expected.isEmpty || !reconcile.waivers.isEmpty {
            lines.append(
                "reconcile: max_shrink=\(reconcile.maxShrink) confirm_reads=\(reconcile.confirmReads)"
                    + " waivers=\(reconcile.waivers.count)")
            for waiver in reconcile.waivers {
                let fields: [(String, String?)] = [
                    ("kind", waiver.kind?.rawValue), ("subscription", waiver.subscription.map { "\"\($0)\"" }),
                    ("target", waiver.target),
                ]
                lines.append("  " + Self.setFields(fields))
            }
        }
        return lines
    }

    /// "key=value" for each field that is set, space-separated (a rule's or a waiver's line).
    private static func setFields(_ fields: [(String, String?)]) -> String {
        fields.compactMap { key, value in value.map { "\(key)=\($0)" } }.joined(separator: " ")
    }

    private func tlsSummary(_ target: TargetConfiguration) -> String {
        target.isPlainHTTP ? "none (plain http)" : tlsSummary(target.tls, url: target.url)
    }

    private func tlsSummary(_ tls: PleskTLSOptions, url: URL) -> String {
        if url.scheme?.lowercased() == "http" { return "none (plain http)" }
        if tls.insecureSkipVerify { return "insecure_skip_verify" }
        if let fingerprint = tls.fingerprintSHA256 { return "pinned sha256 \(fingerprint)" }
        if let caFile = tls.caFile { return "ca_file \(caFile)" }
        return "system trust store"
    }
}
