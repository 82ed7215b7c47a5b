import Foundation
import Logging
import PleskAPI
import PleskSimulator
import Storage
import TestSupport

extension SimulatedPlesk {
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

/// Every event, oldest first.
func allEvents(_ store: any InventoryStore) async throws -> [EventRecord] {
    var query = EventQuery(limit: 1000)
    var events: [EventRecord] = []
    while true {
        let page = try await store.events(query)
        events += page
        guard page.count == 1000, let last = page.last else { return events }
        query.after = last.id
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
func truth(_ simulator: SimulatedPlesk) -> [String: String] {
    let inventory = simulator.inventory
    var present: [String: String] = [:]
    for domain in inventory.domains { present["domain/\(domain.guid)"] = domain.name }
    for client in inventory.clients { present["client/\(client.guid)"] = client.login }
    return present
}

let testLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
