import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Reads one Plesk server over the REST API v2 with AsyncHTTPClient.
///
/// Every request carries `Accept: application/json` and the credentials in a header (never in the URL), runs
/// under one deadline that covers the body too, refuses bodies over the size limit and does not follow redirects.
/// Call ``shutdown()`` when done.
public final class PleskAPIClient: PleskSource {
    /// Called after every request with its endpoint, duration and failure reason (nil on success).
    public typealias RequestObserver = @Sendable (PleskEndpoint, Duration, PleskAPIError.Reason?) -> Void

    public let target: PleskTarget
    public var targetName: String { target.name }

    let httpClient: HTTPClient
    let logger: Logger
    let observer: RequestObserver?
    /// For a pinned target: the TLS configuration that trusts exactly the pinned certificate, once probed.
    let pinnedTLS = Mutex<TLSConfiguration?>(nil)
    let userAgent: String

    public init(
        target: PleskTarget, logger: Logger, userAgent: String = "plesk_exporter", observer: RequestObserver? = nil
    ) throws {
        self.target = target
        self.logger = logger
        self.observer = observer
        self.userAgent = userAgent
        let tls = try Self.baseTLSConfiguration(target.tls, targetName: target.name)
        let seconds = Int64(target.timeout.components.seconds)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(max(1, min(seconds, 10))), read: .seconds(max(1, seconds))),
            ignoreUncleanSSLShutdown: false
        )
        // A poller retries on its next interval; retrying a refused connection here would only hide the outage.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Connections serve one poll: a poll keeps them busy, and between polls (minutes) they would only idle. Each
        // holds TLS and read buffers grown to the size of the lists it carried (about 0.45 MiB): with AsyncHTTPClient's
        // 60 s default, the 200 connections of 50 targets held 90 MiB after every round of polls.
        configuration.connectionPool.idleTimeout = .seconds(5)
        self.httpClient = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: configuration,
            backgroundActivityLogger: logger
        )
        if target.isPlainHTTP {
            logger.warning(
                "target uses plain HTTP: credentials travel unencrypted",
                metadata: ["target": "\(target.name)", "url": "\(target.displayURL)"])
        }
        if target.tls.insecureSkipVerify {
            logger.warning(
                "TLS certificate verification is disabled for this target",
                metadata: ["target": "\(target.name)"])
        }
    }

    /// Closes connections. The client cannot be used afterwards.
    public func shutdown() async {
        try? await httpClient.shutdown()
    }

    // MARK: PleskSource

    public func server() async throws -> PleskServerInfo {
        try await get(.server, as: PleskServerInfo.self)
    }

    public func domains() async throws -> [PleskDomain] {
        try await get(.domains, as: [PleskDomain].self) { domains in
            try self.checkUnique(domains.map { ($0.guid, $0.id) }, endpoint: .domains)
        }
    }

    public func clients() async throws -> [PleskClient] {
        try await get(.clients, as: [PleskClient].self) { clients in
            try self.checkUnique(clients.map { ($0.guid, $0.id) }, endpoint: .clients)
        }
    }

    public func clientDomains(clientID: Int) async throws -> [PleskDomain] {
        try await get(.clientDomains, id: clientID, as: [PleskDomain].self)
    }

    public func domainOwner(domainID: Int) async throws -> PleskClient {
        try await get(.domainClient, id: domainID, as: PleskClient.self)
    }

    public func domainStatus(domainID: Int) async throws -> PleskDomainStatus {
        try await get(.domainStatus, id: domainID, as: PleskDomainStatus.self)
    }

    public func clientStatistics(clientID: Int) async throws -> PleskClientStatistics {
        try await get(.clientStatistics, id: clientID, as: PleskClientStatistics.self)
    }

    /// `POST /api/v2/auth/keys`. The target's credentials must be Basic (Plesk mints keys only for a login session).
    public func createAPIKey(_ request: PleskAPIKeyRequest = .init()) async throws -> String {
        guard case .basic = target.credentials else {
            throw PleskAPIError(
                reason: .auth, target: target.name, endpoint: .createAPIKey,
                detail: "creating an API key needs HTTP Basic credentials (admin or root)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(request)) ?? Data("{}".utf8)
        return try await perform(.createAPIKey, id: nil, method: .POST, body: body) { response in
            try self.decode(PleskAPIKeyResponse.self, from: response, endpoint: .createAPIKey).key
        }
    }

    // MARK: Helpers

    /// A GET whose body decodes as `type` and then passes `validate` (both count as the request's outcome).
    private func get<T: Decodable>(
        _ endpoint: PleskEndpoint, id: Int? = nil, as type: T.Type, validate: (T) throws -> Void = { _ in }
    ) async throws -> T {
        try await perform(endpoint, id: id, method: .GET, body: nil) { response in
            let value = try self.decode(type, from: response, endpoint: endpoint)
            try validate(value)
            return value
        }
    }

    func checkUnique(_ identities: [(guid: String, id: Int)], endpoint: PleskEndpoint) throws {
        var guids = Set<String>()
        var ids = Set<Int>()
        for identity in identities {
            let guidIsNew = identity.guid.isEmpty || guids.insert(identity.guid).inserted
            guard guidIsNew, ids.insert(identity.id).inserted else {
                throw PleskAPIError(
                    reason: .decode, target: target.name, endpoint: endpoint,
                    detail: "the list names object id \(identity.id) (guid \(identity.guid)) twice")
            }
        }
    }
}
