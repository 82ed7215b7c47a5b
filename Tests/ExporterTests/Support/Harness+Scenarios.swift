import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import Exporter

extension Harness {
    /// Baselines of web01 (08:01) and web02 (08:02), then at 08:03 web01 renames alpha, adds delta (owned by
    /// alice) and enables bob: the state most API tests read.
    static func changed(inMemory: Bool = false) async throws -> Harness {
        let harness = try await Harness(inMemory: inMemory)
        try await harness.pollAll()
        harness.source().update {
            $0.domains[0].name = "renamed.example"
            $0.domains[0].asciiName = "renamed.example"
            $0.domains.append(.make(4, "delta.example"))
            $0.owners[4] = 2
            $0.clients[2].status = 0
        }
        try await harness.poll()
        return harness
    }

    /// One request through the router, in process.
    func request(
        _ uri: String, method: HTTPRequest.Method = .get, body: String? = nil, web: WebSettings = WebSettings()
    ) async throws -> TestResponse {
        try await application(web: web).test(.router) { client in
            try await client.execute(
                uri: uri, method: method, headers: body == nil ? [:] : [.contentType: "application/json"],
                body: body.map { ByteBuffer(string: $0) })
        }
    }
}
