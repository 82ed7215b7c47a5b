import Foundation
import NIOCore
import PleskAPI
import Synchronization
import TestSupport

/// A Plesk whose lists are served as bytes, written the way a test wants them: keys in any order, any whitespace,
/// non-ASCII characters raw or as `\u` escapes. The lists go through the same scanner the HTTP client uses.
final class RawPleskSource: PleskSource {
    struct State: Sendable {
        var domains: [PleskDomain] = []
        var clients: [PleskClient] = []
        /// Domain id → owning client id.
        var owners: [Int: Int] = [:]
        /// Seed of each object's spelling (key order, whitespace, escapes); changing it changes bytes, not values.
        var spelling: [String: UInt64] = [:]
    }

    let targetName = "raw"
    let state = Mutex(State())

    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    func server() async throws -> PleskServerInfo {
        PleskServerInfo(platform: "Unix", hostname: "raw.example", guid: "srv", panelVersion: "18.0.76")
    }

    func domains() async throws -> [PleskDomain] { state.withLock { $0.domains } }
    func clients() async throws -> [PleskClient] { state.withLock { $0.clients } }
    func subscriptions() async throws -> [PleskSubscription] { [] }
    func servicePlans() async throws -> [PleskServicePlan] { [] }

    func scanDomains(known: KnownFingerprints) async throws -> ScannedList<PleskDomain> {
        let body = state.withLock { state in
            Self.array(state.domains.map { Self.object(Self.fields($0), seed: state.spelling["d\($0.id)"] ?? 0) })
        }
        return try ScannedList.scan(ByteBuffer(string: body), known: known)
    }

    func scanClients(known: KnownFingerprints) async throws -> ScannedList<PleskClient> {
        let body = state.withLock { state in
            Self.array(state.clients.map { Self.object(Self.fields($0), seed: state.spelling["c\($0.id)"] ?? 0) })
        }
        return try ScannedList.scan(ByteBuffer(string: body), known: known)
    }

    func clientDomains(clientID: Int) async throws -> [PleskDomain] {
        state.withLock { state in state.domains.filter { state.owners[$0.id] == clientID } }
    }

    func domainOwner(domainID: Int) async throws -> PleskClient {
        let client = state.withLock { state in
            state.owners[domainID].flatMap { id in state.clients.first { $0.id == id } }
        }
        guard let client else {
            throw PleskAPIError(reason: .http, target: targetName, endpoint: .domainClient, detail: "no owner")
        }
        return client
    }

    func domainStatus(domainID: Int) async throws -> PleskDomainStatus { PleskDomainStatus(status: "active") }

    func clientStatistics(clientID: Int) async throws -> PleskClientStatistics {
        PleskClientStatistics(activeDomains: 1)
    }

    // MARK: Spelling

    /// A JSON value as text, with non-ASCII characters raw or escaped.
    enum Value {
        case int(Int)
        case string(String)
        case raw(String)
    }

    static func fields(_ domain: PleskDomain) -> [(String, Value)] {
        var fields: [(String, Value)] = [
            ("id", .int(domain.id)), ("name", .string(domain.name)), ("ascii_name", .string(domain.asciiName)),
            ("hosting_type", .string(domain.hostingType)), ("base_domain_id", .int(domain.baseDomainID)),
            ("www_root", .string(domain.wwwRoot)), ("guid", .string(domain.guid)), ("created", .string(domain.created)),
        ]
        if let aliases = domain.aliases {
            let items = aliases.map { #"{"name":"\#(escape($0.name, unicode: false))"}"# }
            fields.append(("aliases", .raw("[" + items.joined(separator: ",") + "]")))
        }
        return fields
    }

    static func fields(_ client: PleskClient) -> [(String, Value)] {
        var fields: [(String, Value)] = [
            ("id", .int(client.id)), ("created", .string(client.created)), ("name", .string(client.name)),
            ("login", .string(client.login)), ("status", .int(client.status)), ("guid", .string(client.guid)),
            ("type", .string(client.type)),
        ]
        for (key, value) in [
            ("company", client.company), ("email", client.email), ("locale", client.locale),
            ("owner_login", client.ownerLogin), ("external_id", client.externalID),
            ("description", client.description),
        ] {
            if let value { fields.append((key, .string(value))) }
        }
        return fields
    }

    static func object(_ fields: [(String, Value)], seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        var fields = fields
        if seed != 0 { fields.shuffle(using: &random) }
        let spaces = ["", " ", "\n  ", "\t"]
        let gap = seed == 0 ? "" : spaces[Int(random.next() % 4)]
        let unicode = seed % 2 == 1
        let members = fields.map { key, value -> String in
            let text: String
            switch value {
            case .int(let int): text = String(int)
            case .string(let string): text = "\"" + escape(string, unicode: unicode) + "\""
            case .raw(let raw): text = raw
            }
            return "\"\(key)\"" + gap + ":" + gap + text
        }
        return "{" + gap + members.joined(separator: "," + gap) + gap + "}"
    }

    static func array(_ objects: [String]) -> String { "[" + objects.joined(separator: ",\n") + "]" }

    static func escape(_ string: String, unicode: Bool) -> String {
        var result = ""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "/": result += unicode ? "\\/" : "/"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            case _ where unicode && scalar.value > 0x7E:
                for unit in String(scalar).utf16 { result += String(format: "\\u%04x", unit) }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
