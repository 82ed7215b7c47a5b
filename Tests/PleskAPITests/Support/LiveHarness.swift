import Foundation
import Logging
import PleskAPI
import PleskSimulator
import Synchronization
import Testing

/// Every credential string the live tests send. None may appear in an error's description or detail.
enum Secrets {
    static let apiKey = SimulatedPlesk.Configuration.defaultAPIKey
    static let username = SimulatedPlesk.Configuration.defaultUsername
    static let password = SimulatedPlesk.Configuration.defaultPassword
    static let wrongKey = "wrong-key-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    static let wrongPassword = "wrong-password-Zq8Xv2Lk"

    /// The secrets themselves and the Basic tokens that would carry them.
    static let all: [String] = [
        apiKey, password, wrongKey, wrongPassword,
        basicToken(username, password), basicToken(username, wrongPassword),
    ]

    static func basicToken(_ username: String, _ password: String) -> String {
        Data("\(username):\(password)".utf8).base64EncodedString()
    }
}

/// One observed request: what the client's ``PleskAPIClient/RequestObserver`` saw.
struct Observation: Sendable, Hashable {
    var endpoint: PleskEndpoint
    var reason: PleskAPIError.Reason?
}

/// Collects observer calls from any task.
final class ObservationLog: Sendable {
    private let storage = Mutex<[Observation]>([])

    var observer: PleskAPIClient.RequestObserver {
        { endpoint, _, reason in self.storage.withLock { $0.append(Observation(endpoint: endpoint, reason: reason)) } }
    }

    var all: [Observation] { storage.withLock { $0 } }
}

/// Builds clients against a running ``SimulatedPlesk`` and checks the errors they throw.
enum LiveHarness {
    static let logger = Logger(label: "PleskAPITests") { _ in SwiftLogNoOpLogHandler() }

    /// A simulator serving plain HTTP (faster than TLS for tests that are not about TLS).
    static func plainHTTP(includeAliases: Bool = true) -> SimulatedPlesk.Configuration {
        SimulatedPlesk.Configuration(tls: .disabled, includeAliases: includeAliases)
    }

    static func target(
        _ url: String,
        credentials: PleskCredentials = .apiKey(Secrets.apiKey),
        tls: PleskTLSOptions = .init(),
        timeout: Duration = .seconds(10),
        maxResponseBytes: Int = 256 * 1024 * 1024
    ) throws -> PleskTarget {
        PleskTarget(
            name: "sim", url: try #require(URL(string: url)), credentials: credentials, tls: tls, timeout: timeout,
            maxResponseBytes: maxResponseBytes)
    }

    /// Makes a client for `target`, runs `body` with it and shuts it down, whether `body` throws or not.
    @discardableResult
    static func withClient<T>(
        _ target: PleskTarget,
        observer: PleskAPIClient.RequestObserver? = nil,
        _ body: (PleskAPIClient) async throws -> T
    ) async throws -> T {
        let client = try PleskAPIClient(target: target, logger: logger, observer: observer)
        let result: T
        do {
            result = try await body(client)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        return result
    }

    /// ``withClient(_:observer:_:)`` for a client of `plesk` with these settings.
    @discardableResult
    static func withClient<T>(
        of plesk: SimulatedPlesk,
        credentials: PleskCredentials = .apiKey(Secrets.apiKey),
        tls: PleskTLSOptions = .init(),
        timeout: Duration = .seconds(10),
        maxResponseBytes: Int = 256 * 1024 * 1024,
        observer: PleskAPIClient.RequestObserver? = nil,
        _ body: (PleskAPIClient) async throws -> T
    ) async throws -> T {
        let target = try target(
            plesk.url, credentials: credentials, tls: tls, timeout: timeout, maxResponseBytes: maxResponseBytes)
        return try await withClient(target, observer: observer, body)
    }

    /// Runs `operation`, expects it to throw a ``PleskAPIError`` of `reason` on `endpoint`, checks that the
    /// error carries no secret, and returns it (nil after recording an issue).
    @discardableResult
    static func expectFailure<T>(
        _ reason: PleskAPIError.Reason,
        on endpoint: PleskEndpoint,
        alsoSecret extraSecrets: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation,
        _ operation: () async throws -> T
    ) async -> PleskAPIError? {
        let outcome: Result<T, any Error>
        do { outcome = .success(try await operation()) } catch { outcome = .failure(error) }
        switch outcome {
        case .success(let value):
            Issue.record("expected a \(reason) failure on \(endpoint), got \(value)", sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            guard let error = error as? PleskAPIError else {
                Issue.record("expected PleskAPIError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
                return nil
            }
            #expect(error.reason == reason, "\(error)", sourceLocation: sourceLocation)
            #expect(error.endpoint == endpoint, "\(error)", sourceLocation: sourceLocation)
            #expect(error.target == "sim", sourceLocation: sourceLocation)
            expectNoSecrets(in: error, alsoSecret: extraSecrets, sourceLocation: sourceLocation)
            return error
        }
    }

    /// No credential material in any rendering of `error`.
    static func expectNoSecrets(
        in error: PleskAPIError, alsoSecret extraSecrets: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let renderings = [error.description, error.detail, String(reflecting: error), "\(error.localizedDescription)"]
        for secret in Secrets.all + extraSecrets where !secret.isEmpty {
            for text in renderings {
                #expect(!text.contains(secret), "an error leaks a credential: \(text)", sourceLocation: sourceLocation)
            }
        }
    }

}
