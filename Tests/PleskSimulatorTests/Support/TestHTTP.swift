import AsyncHTTPClient
import Foundation
import PleskSimulator
import Testing

/// How a test request authenticates.
enum TestAuth {
    case none
    case key(String)
    case basic(String, String)

    static let defaultKey = TestAuth.key(SimulatedPlesk.Configuration.defaultAPIKey)
    static let defaultBasic = TestAuth.basic(
        SimulatedPlesk.Configuration.defaultUsername, SimulatedPlesk.Configuration.defaultPassword)
}

/// A fully read response.
struct Fetched {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: self.body, as: UTF8.self) }

    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(self.body), options: [.fragmentsAllowed])
    }

    func jsonArray() throws -> [[String: Any]] {
        try #require(try self.json() as? [[String: Any]])
    }

    func jsonObject() throws -> [String: Any] {
        try #require(try self.json() as? [String: Any])
    }
}

/// An AsyncHTTPClient for the simulator: no certificate verification, no redirects, fail fast.
func withTestClient<T>(
    readTimeout: Int64 = 30,
    _ body: (HTTPClient) async throws -> T
) async throws -> T {
    var configuration = HTTPClient.Configuration(
        certificateVerification: .none,
        timeout: .init(connect: .seconds(5), read: .seconds(readTimeout))
    )
    configuration.redirectConfiguration = .disallow
    configuration.connectionPool.retryConnectionEstablishment = false
    return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
        try await body(client)
    }
}

extension HTTPClient {
    /// Sends a request to `plesk` (path relative to the host, e.g. `/api/v2/domains`) and reads the body.
    func fetch(
        _ plesk: SimulatedPlesk,
        _ path: String,
        method: String = "GET",
        auth: TestAuth = .defaultKey,
        body: String? = nil,
        limit: Int = 512 * 1024 * 1024,
        timeout: Int64 = 30
    ) async throws -> Fetched {
        var request = HTTPClientRequest(url: plesk.url + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Accept", value: "application/json")
        switch auth {
        case .none: break
        case .key(let key): request.headers.add(name: "X-API-Key", value: key)
        case .basic(let user, let password):
            let token = Data("\(user):\(password)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array(body.utf8))
        }
        let response = try await self.execute(request, timeout: .seconds(timeout))
        let collected = try await response.body.collect(upTo: limit)
        return Fetched(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: Array(collected.readableBytesView)
        )
    }
}

/// Runs `body` against a simulator serving `inventory` with the given configuration.
func withSimulator<T>(
    _ configuration: SimulatedPlesk.Configuration = .init(tls: .disabled),
    inventory: PleskInventory = .demo(),
    _ body: (SimulatedPlesk, HTTPClient) async throws -> T
) async throws -> T {
    try await SimulatedPlesk.withRunning(configuration: configuration, inventory: inventory) { plesk in
        try await withTestClient { client in try await body(plesk, client) }
    }
}

