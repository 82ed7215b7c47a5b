import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension PleskAPIClient {
    /// `POST`s `packet` to `agent.php` and scans the answer as it arrives, decoding only the results not `known`.
    /// Transport failures, the size limit, the deadline and the observer work as for the REST lists.
    func scanXML<Element: XMLResultDecodable>(
        _ endpoint: PleskEndpoint, packet: String, known: KnownFingerprints
    ) async throws -> ScannedList<Element> {
        try await scanned(endpoint) { try await self.streamXML(endpoint, packet: packet, known: known) }
    }

    private func streamXML<Element: XMLResultDecodable>(
        _ endpoint: PleskEndpoint, packet: String, known: KnownFingerprints
    ) async throws -> (ScannedList<Element>, bytes: Int) {
        let response = try await execute(xmlRequest(packet), endpoint: endpoint)
        let status = Int(response.status.code)
        let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        guard (200..<300).contains(status), !contentType.contains("html") else {
            let collected = try await collect(response, endpoint: endpoint)
            throw xmlStatusFailure(collected, endpoint: endpoint)
        }
        var collector = XMLResultCollector<Element>(known: known)
        let received = try await readBody(response, status: status, endpoint: endpoint, expecting: "an XML packet") {
            chunk in
            do throws(XMLPacketError) {
                try collector.feed(chunk)
            } catch {
                throw xmlFailure(error, status: status, endpoint: endpoint)
            }
        }
        do throws(XMLPacketError) {
            return (try collector.finish(), received)
        } catch {
            throw xmlFailure(error, status: status, endpoint: endpoint)
        }
    }

    /// The request: the packet as `text/xml`, the credentials in the headers the XML API reads (never in the URL).
    func xmlRequest(_ packet: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url(path: "/enterprise/control/agent.php"))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/xml")
        request.headers.add(name: "User-Agent", value: userAgent)
        switch target.credentials {
        case .apiKey(let key):
            request.headers.add(name: "KEY", value: key)
        case .basic(let username, let password):
            request.headers.add(name: "HTTP_AUTH_LOGIN", value: username)
            request.headers.add(name: "HTTP_AUTH_PASSWD", value: password)
        }
        request.body = .bytes(ByteBuffer(string: packet))
        return request
    }

    /// The error for an answer that is not a 2xx XML body: the status decides (a `system` packet in it only adds its
    /// code and text).
    func xmlStatusFailure(_ response: PleskResponse, endpoint: PleskEndpoint) -> PleskAPIError {
        let status = response.status
        let plesk = Self.systemError(in: response.body)
        let pleskText = plesk?.pleskMessage.map { redacted($0) }
        func make(_ reason: PleskAPIError.Reason, _ detail: String) -> PleskAPIError {
            PleskAPIError(
                reason: reason, target: target.name, endpoint: endpoint, status: status, pleskCode: plesk?.pleskCode,
                detail: detail)
        }
        switch status {
        case 200..<300:
            return make(
                .decode,
                "expected an XML packet, got \(response.contentType?.lowercased() ?? "HTML") (a login page or a proxy"
                    + " error page?)")
        case 401:
            return make(
                .auth,
                "HTTP 401: credentials rejected" + (pleskText.map { " (\($0))" } ?? " (wrong key or password)"))
        case 403:
            return make(
                .refused, "HTTP 403: " + (pleskText.map { "\($0): " } ?? "") + XMLPacketError.refusedAdvice)
        case 300..<400:
            return make(
                .http,
                "HTTP \(status): redirected to \(Self.safeLocation(response.location)); redirects are not"
                    + " followed, fix the target URL (plain HTTP is redirected to HTTPS by Plesk)")
        case 404:
            return make(
                .http,
                "HTTP 404: no XML API at /enterprise/control/agent.php (not a Plesk server, or a proxy in front"
                    + " that does not pass it on)")
        default:
            return make(.http, "HTTP \(status)" + (pleskText.map { ": \($0)" } ?? ""))
        }
    }

    /// The `system` error a non-2xx body may carry, if it is one.
    static func systemError(in body: ByteBuffer) -> XMLPacketError? {
        guard body.readableBytes > 0, body.readableBytes <= 64 * 1024 else { return nil }
        var collector = XMLResultCollector<PleskSubscription>(known: .none)
        do {
            try collector.feed(body)
        } catch {
            return error.pleskMessage == nil ? nil : error
        }
        return nil
    }

    /// A collector failure as the client reports it. Plesk's `errtext` is the server's text: any credential it might
    /// echo is blanked.
    func xmlFailure(_ error: XMLPacketError, status: Int, endpoint: PleskEndpoint) -> PleskAPIError {
        PleskAPIError(
            reason: error.reason, target: target.name, endpoint: endpoint, status: status, pleskCode: error.pleskCode,
            detail: redacted(error.detail))
    }

    /// `text` with the target's secret (key or password) replaced.
    func redacted(_ text: String) -> String {
        let secret: String
        switch target.credentials {
        case .apiKey(let key): secret = key
        case .basic(_, let password): secret = password
        }
        guard !secret.isEmpty else { return text }
        return text.replacingOccurrences(of: secret, with: "<secret>")
    }
}
