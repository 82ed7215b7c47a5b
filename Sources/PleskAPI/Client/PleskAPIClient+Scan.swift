import AsyncHTTPClient
import Foundation
import NIOCore

extension PleskAPIClient {
    public func scanDomains(known: KnownFingerprints) async throws -> ScannedList<PleskDomain> {
        try await scanList(.domains, known: known) { domains in
            try self.checkUnique(domains.compactMapDecoded { ($0.guid, $0.id) }, endpoint: .domains)
        }
    }

    public func scanClients(known: KnownFingerprints) async throws -> ScannedList<PleskClient> {
        try await scanList(.clients, known: known) { clients in
            try self.checkUnique(clients.compactMapDecoded { ($0.guid, $0.id) }, endpoint: .clients)
        }
    }

    /// Fetches a list, scanning the body as it arrives and decoding only the objects not `known`; `validate` sees
    /// the list (the poller checks its decoded objects against the objects it knew). Error answers and HTML pages
    /// are collected and classified as for every other request.
    private func scanList<Element: Codable & Sendable>(
        _ endpoint: PleskEndpoint, known: KnownFingerprints,
        validate: @escaping @Sendable (ScannedList<Element>) throws -> Void
    ) async throws -> ScannedList<Element> {
        try await scanned(endpoint) { try await self.stream(endpoint, known: known, validate: validate) }
    }

    /// Runs a list request (`stream`: its bytes scanned as they arrive) under the deadline and the observer, and
    /// logs what it received: the REST lists and the XML API's alike.
    func scanned<Element: Sendable>(
        _ endpoint: PleskEndpoint, _ stream: @escaping @Sendable () async throws -> (ScannedList<Element>, bytes: Int)
    ) async throws -> ScannedList<Element> {
        try await observed(endpoint) {
            let (list, bytes) = try await withDeadline(endpoint) { try await stream() }
            logger.debug(
                "plesk request done",
                metadata: [
                    "target": "\(target.name)", "endpoint": "\(endpoint.rawValue)", "objects": "\(list.count)",
                    "decoded": "\(list.decodedCount)", "bytes": "\(bytes)",
                ])
            return list
        }
    }

    private func stream<Element: Codable & Sendable>(
        _ endpoint: PleskEndpoint, known: KnownFingerprints, validate: (ScannedList<Element>) throws -> Void
    ) async throws -> (ScannedList<Element>, bytes: Int) {
        let response = try await execute(endpoint, id: nil, method: .GET, body: nil)
        let status = Int(response.status.code)
        let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        guard (200..<300).contains(status), !contentType.contains("html") else {
            // Small answers: classified like every other response (`check` throws for a status, `checkDecodable`
            // for HTML).
            let collected = try await collect(response, endpoint: endpoint)
            try checkDecodable(check(collected, endpoint: endpoint), endpoint: endpoint)
            throw PleskAPIError(
                reason: .decode, target: target.name, endpoint: endpoint, status: status,
                detail: "expected JSON, got \(contentType)")
        }
        var collector = ListCollector<Element>(known: known, expectedBytes: Self.contentLength(response))
        let received = try await readBody(response, status: status, endpoint: endpoint, expecting: "JSON") {
            collector.feed($0)
        }
        let list: ScannedList<Element>
        do {
            list = try collector.finish()
        } catch {
            throw decodingFailure(error, status: status, endpoint: endpoint)
        }
        try validate(list)
        return (list, received)
    }

    /// Feeds a 2xx body to `feed` chunk by chunk under the size limit; returns how many bytes came. Transport
    /// failures are classified as for every request; an empty body is a decode failure (`expecting` names what
    /// was expected, for the message).
    func readBody(
        _ response: HTTPClientResponse, status: Int, endpoint: PleskEndpoint, expecting: String,
        feed: (ByteBuffer) throws -> Void
    ) async throws -> Int {
        var received = 0
        do {
            for try await chunk in response.body {
                received += chunk.readableBytes
                if received > target.maxResponseBytes { throw NIOTooManyBytesError(maxBytes: target.maxResponseBytes) }
                try feed(chunk)
            }
        } catch {
            throw bodyFailure(error, status: status, endpoint: endpoint)
        }
        if received == 0 {
            throw PleskAPIError(
                reason: .decode, target: target.name, endpoint: endpoint, status: status,
                detail: "expected \(expecting), got an empty body")
        }
        return received
    }
}
