import Foundation

extension PleskAPIClient {
    public func scanDomains(known: KnownFingerprints) async throws -> ScannedList<PleskDomain> {
        try await scanList(.domains, known: known) { domains in
            try self.checkUnique(domains.map { ($0.guid, $0.id) }, endpoint: .domains)
        }
    }

    public func scanClients(known: KnownFingerprints) async throws -> ScannedList<PleskClient> {
        try await scanList(.clients, known: known) { clients in
            try self.checkUnique(clients.map { ($0.guid, $0.id) }, endpoint: .clients)
        }
    }

    /// Fetches a list and decodes only the objects not `known`; `validate` sees those (the poller
    /// checks them against the objects it knew).
    private func scanList<Element: Codable & Sendable>(
        _ endpoint: PleskEndpoint, known: KnownFingerprints, validate: ([Element]) throws -> Void
    ) async throws -> ScannedList<Element> {
        try await perform(endpoint, id: nil, method: .GET, body: nil) { response in
            try self.checkDecodable(response, endpoint: endpoint)
            let list: ScannedList<Element>
            do {
                list = try ScannedList.scan(response.body, known: known) {
                    try self.decode([Element].self, from: response, endpoint: endpoint)
                }
            } catch let error as DecodingError {
                throw PleskAPIError(
                    reason: .decode, target: self.target.name, endpoint: endpoint, status: response.status,
                    detail: Self.describe(error))
            }
            try validate(list.decodedElements)
            return list
        }
    }
}
