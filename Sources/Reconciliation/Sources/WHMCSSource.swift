import AsyncHTTPClient
import Foundation
import NIOCore
import PleskAPI

/// WHMCS's services (`expected[].whmcs`): the API action `GetClientsProducts`, POSTed form-encoded to
/// `…/includes/api.php` with an API credential (`identifier`, `secret`), read `pageSize` services at a time
/// (`limitstart`/`limitnum`) until `totalresults` were read.
///
/// Each service becomes a row: `domain` → subscription, `status` → status (Active, Suspended; Terminated, Cancelled
/// and Fraud → terminated; Pending and Completed are skipped: not provisioned, or one-off), `serverhostname` (else
/// `servername`) → server, the product's `name` → plan, the service `id` → ref. No owner: WHMCS knows its own
/// client ids, and a service's `username` is the module's account login, which the Plesk module does not
/// necessarily make the subscription owner's login — comparing it would open owner findings that mean nothing.
///
/// All or nothing, like a CSV: an error result (authentication, IP not allowed), a status, an HTML page, a body that
/// is not the JSON expected, a page shorter than announced or a total that changes between pages is `unreadable`
/// or `malformed`, and nothing is returned. Messages never hold the credential.
public struct WHMCSSource: ExpectedSource, CustomStringConvertible {
    public let name: String
    /// `…/includes/api.php`.
    public let url: URL
    let identifier: String
    let secret: String
    public let tls: PleskTLSOptions
    /// Each page's request, body included.
    public let timeout: Duration
    /// Services per request (`limitnum`).
    public let pageSize: Int
    /// One page's body at most.
    public let maxBytes: Int
    let cache: RemoteReadCache

    public init(
        name: String, url: URL, identifier: String, secret: String, tls: PleskTLSOptions = PleskTLSOptions(),
        timeout: Duration = .seconds(30), pageSize: Int = 250, maxBytes: Int = 32 << 20,
        interval: Duration = .seconds(15 * 60)
    ) {
        self.name = name
        self.url = url
        self.identifier = identifier
        self.secret = secret
        self.tls = tls
        self.timeout = timeout
        self.pageSize = max(1, pageSize)
        self.maxBytes = maxBytes
        self.cache = RemoteReadCache(interval: interval)
    }

    public var description: String { "WHMCSSource(\(name), \(BillingHTTPSession.shown(url)))" }

    public func changeToken() async -> String? { cache.changeToken() }

    public func read() async throws(ExpectedSourceError) -> [ExpectedRow] {
        if let rows = cache.fresh() { return rows }
        let session = try await BillingHTTPSession.open(
            source: name, url: url, tls: tls, timeout: timeout, maxBytes: maxBytes, secrets: [identifier, secret])
        let rows: [ExpectedRow]
        do throws(ExpectedSourceError) {
            rows = try await readAll(session)
        } catch {
            await session.shutdown()
            throw error
        }
        await session.shutdown()
        guard !rows.isEmpty else {
            throw session.failure(.empty, "WHMCS lists no active, suspended or terminated service on a server")
        }
        cache.store(rows)
        return rows
    }

    private func readAll(_ session: BillingHTTPSession) async throws(ExpectedSourceError) -> [ExpectedRow] {
        var rows: [ExpectedRow] = []
        var start = 0
        var total: Int?
        repeat {
            let page = try await self.page(at: start, session)
            if let total, page.total != total {
                throw session.failure(
                    .unreadable,
                    "the number of services changed during the read (\(total), then \(page.total) at \(start));"
                        + " read again at the next check")
            }
            total = page.total
            let remaining = page.total - start
            guard page.products.count == min(remaining, pageSize) || page.products.count == remaining else {
                throw session.failure(
                    .malformed,
                    "the page at \(start) holds \(page.products.count) services; \(page.total) in all and"
                        + " \(pageSize) a page means \(min(remaining, pageSize)) (a truncated answer?)")
            }
            for product in page.products {
                if let row = try self.row(product, session) { rows.append(row) }
            }
            start += page.products.count
        } while start < (total ?? 0)
        return rows
    }

    /// One page: `totalresults` and its services (each a JSON object).
    private func page(at start: Int, _ session: BillingHTTPSession) async throws(ExpectedSourceError)
        -> (total: Int, products: [[String: Any]])
    {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "plesk_exporter")
        let form = Self.form([
            ("identifier", identifier), ("secret", secret), ("action", "GetClientsProducts"), ("responsetype", "json"),
            ("limitstart", String(start)), ("limitnum", String(pageSize)),
        ])
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await session.send(request)
        let json = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        // WHMCS answers errors (authentication, IP not allowed, permissions) as {"result":"error","message":…},
        // with a 2xx or a 403: the message says more than the status.
        if let json, (json["result"] as? String)?.lowercased() == "error" {
            let message = Self.brief(json["message"] as? String ?? "no message")
            try session.check(response, detail: "WHMCS error: \(message)")
            throw session.failure(.unreadable, "WHMCS error at \(start): \(message)")
        }
        try session.check(response)
        guard let json else {
            throw session.failure(.malformed, "the answer at \(start) is not JSON (truncated, or not WHMCS's API?)")
        }
        guard (json["result"] as? String)?.lowercased() == "success" else {
            throw session.failure(.malformed, "the answer at \(start) has no \"result\":\"success\"")
        }
        guard let total = Self.int(json["totalresults"]), total >= 0 else {
            throw session.failure(.malformed, "the answer at \(start) has no totalresults")
        }
        // No services: WHMCS sends "products": "" (or no key); otherwise {"product": [ … ]}.
        var products: [[String: Any]] = []
        if let container = json["products"] as? [String: Any] {
            if let list = container["product"] as? [[String: Any]] {
                products = list
            } else if let one = container["product"] as? [String: Any] {
                products = [one]
            } else if container["product"] != nil {
                throw session.failure(.malformed, "the answer at \(start): products.product is not a list")
            }
        } else if let other = json["products"], !(other is String || other is NSNull) {
            throw session.failure(.malformed, "the answer at \(start): products is not an object")
        }
        if let returned = Self.int(json["numreturned"]), returned != products.count {
            throw session.failure(
                .malformed, "the answer at \(start) says numreturned \(returned) but holds \(products.count) services")
        }
        if products.isEmpty && start < total {
            throw session.failure(.malformed, "the page at \(start) is empty, but totalresults is \(total)")
        }
        return (total, products)
    }

    /// The row of one service; nil for one that is skipped.
    private func row(_ product: [String: Any], _ session: BillingHTTPSession) throws(ExpectedSourceError)
        -> ExpectedRow?
    {
        let id = Self.string(product["id"])
        let origin = "WHMCS service \(id ?? "without id")"
        guard let domain = Self.string(product["domain"]) else { return nil }
        let server = Self.string(product["serverhostname"]) ?? Self.string(product["servername"])
        // A service on no server (an SSL certificate, a licence, a domain-only product) is not hosting: as a row
        // without a server it would be expected on every target, and open a `missing` finding fleet-wide.
        guard server != nil || (Self.int(product["serverid"]) ?? 0) > 0 else { return nil }
        guard let statusText = Self.string(product["status"]) else {
            throw session.failure(.malformed, "\(origin) (\(domain)): no status")
        }
        guard let known = CSVExpectedReader.statuses[statusText.lowercased()] else {
            throw session.failure(
                .malformed, "\(origin) (\(domain)): \"\(Self.brief(statusText))\" is not a status WHMCS uses for services")
        }
        guard let status = known else { return nil }
        guard let subscription = SubscriptionName.normalized(domain) else {
            throw session.failure(.malformed, "\(origin): \"\(Self.brief(domain))\" is not a domain name")
        }
        return ExpectedRow(
            subscription: subscription, status: status, server: server?.lowercased(), owner: nil,
            plan: Self.string(product["name"]), ref: id, source: name, origin: origin)
    }

    /// `application/x-www-form-urlencoded`, as PHP reads it.
    static func form(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return fields.map { key, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            return "\(key)=\(encoded)"
        }.joined(separator: "&")
    }

    /// A trimmed non-empty string from a JSON string or number (WHMCS writes ids either way).
    static func string(_ value: Any?) -> String? {
        let text: String
        switch value {
        case let string as String: text = string
        case let number as NSNumber: text = number.stringValue
        default: return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An integer from a JSON number or a string of digits.
    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: return number.intValue
        case let string as String: return Int(string.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    static func brief(_ text: String) -> String {
        text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
