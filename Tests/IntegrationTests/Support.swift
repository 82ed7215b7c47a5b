import Foundation
import Logging
import PleskAPI
import PleskSimulator
import InventoryModel
import TestSupport
import Testing

/// The binary under test: `PLESK_EXPORTER_BINARY` when set (CI points it at the release build, the binary users run),
/// else the `plesk_exporter` built next to the tests.
func exporterBinary() throws -> String {
    try #require(findExporterBinary(), "the plesk_exporter executable was not found (PLESK_EXPORTER_BINARY?)")
}

private func findExporterBinary() -> String? {
    if let path = ProcessInfo.processInfo.environment["PLESK_EXPORTER_BINARY"], !path.isEmpty {
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = directory.appendingPathComponent("plesk_exporter").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return nil
}

/// Writes a configuration file: `global`'s keys (YAML, one a line; no `global:` section when empty), the `targets:`
/// entries (``SimulatedPlesk/targetEntry(name:apiKey:extra:)``), then `rest` (top-level YAML, e.g. `notifications:`).
func writeConfiguration(to path: String, global: String = "", targets: [String], rest: String = "") throws {
    var text = global.isEmpty ? "" : "global:\n" + indented(global, by: 2)
    text += "targets:\n" + targets.joined()
    if !rest.isEmpty { text += rest + "\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// `global:` keys for tests that churn a simulator while the binary polls it (and is killed or raced): a poll every
/// second, and every removal applied at once, so each change of the scenario shows up in the next poll.
func churnGlobal(timeout: String = "10s") -> String {
    "poll_interval: 1s\ntimeout: \(timeout)\nremoval_guard: {max_fraction: 1.0, confirm_polls: 1}"
}

/// Each line of `text` indented by `spaces`, each ending in a newline.
private func indented(_ text: String, by spaces: Int) -> String {
    let prefix = String(repeating: " ", count: spaces)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 + "\n" }.joined()
}

extension PleskInventory {
    /// Every object a poll with the default `collect` records: domains, clients, subscriptions (one per top-level
    /// domain) and service plans (not add-on plans: `service-plan get` lists service plans).
    var trackedObjectCount: Int {
        domains.count + clients.count + subscriptions.count + servicePlans.filter { $0.kind == .service }.count
    }
}

extension SimulatedPlesk {
    /// This simulator's entry in a configuration's `targets:` list: API key, certificate pinned, then `extra` (the
    /// target's further keys, YAML, one a line).
    func targetEntry(name: String = "web01", apiKey: String = Configuration.defaultAPIKey, extra: String = "") -> String {
        var keys = """
            url: \(url)
            api_key: \(apiKey)
            tls: {fingerprint_sha256: "\(certificateFingerprint ?? "")"}
            """
        if !extra.isEmpty { keys += "\n" + extra }
        return "  - name: \(name)\n" + indented(keys, by: 4)
    }

    /// Writes a configuration that polls this simulator as its one target, `web01` unless `name` says otherwise:
    /// `global`'s keys, `extra` keys for the target and `rest` as in ``writeConfiguration(to:global:targets:rest:)``.
    func writeConfiguration(
        to path: String, global: String = "", name: String = "web01", apiKey: String = Configuration.defaultAPIKey,
        target extra: String = "", rest: String = ""
    ) throws {
        try IntegrationTests.writeConfiguration(
            to: path, global: global, targets: [targetEntry(name: name, apiKey: apiKey, extra: extra)], rest: rest)
    }

    /// A target for this simulator: API key, certificate pinned.
    func target(name: String = "web01", timeout: Duration = .seconds(5)) -> PleskTarget {
        PleskTarget(
            name: name, url: URL(string: url)!, credentials: .apiKey(Configuration.defaultAPIKey),
            tls: PleskTLSOptions(fingerprintSHA256: certificateFingerprint), timeout: timeout)
    }

    static var quietConfiguration: Configuration {
        Configuration(logger: Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}


/// Replays a target's event log from nothing and reports every inconsistency: an object added twice, a removal or
/// modification of an object not present. Returns the keys and names present at the end.
func replay(_ events: [EventRecord]) -> (present: [String: String], violations: [String]) {
    var present: [String: String] = [:]
    var violations: [String] = []
    for event in events {
        let key = "\(event.kind.rawValue)/\(event.key)"
        switch event.change {
        case .added:
            if present[key] != nil { violations.append("event \(event.id): \(key) added twice") }
            present[key] = event.name
        case .removed:
            if present.removeValue(forKey: key) == nil { violations.append("event \(event.id): \(key) removed but absent") }
        case .modified:
            if present[key] == nil { violations.append("event \(event.id): \(key) modified but absent") }
            present[key] = event.name
        }
    }
    return (present, violations)
}

/// The simulator's inventory as replay() reports it.
func truth(_ simulator: SimulatedPlesk, kinds: Set<ObjectKind> = Set(ObjectKind.allCases)) -> [String: String] {
    let inventory = simulator.inventory
    var present: [String: String] = [:]
    for domain in inventory.domains { present["domain/\(domain.guid)"] = domain.name }
    for client in inventory.clients { present["client/\(client.guid)"] = client.login }
    // A subscription is keyed and named by its main domain (the simulator's webspace guid is the domain's).
    for subscription in inventory.subscriptions {
        guard let domain = inventory.domain(id: subscription.id) else { continue }
        present["subscription/\(domain.guid)"] = domain.name
    }
    for plan in inventory.servicePlans where plan.kind == .service { present["plan/\(plan.guid)"] = plan.name }
    return present.filter { entry in kinds.contains { entry.key.hasPrefix($0.rawValue + "/") } }
}

let testLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
