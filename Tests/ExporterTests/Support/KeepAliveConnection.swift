import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One TLS connection kept open across requests, to show that a reload does not drop it (HTTPClient's pool hides
/// which connection a request used).
enum KeepAliveConnection {
    struct Closed: Error {}

    typealias Inbound = NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    typealias Outbound = NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

    /// Connects to 127.0.0.1:`port` trusting `authorityPEM`, and runs `body` with a function that sends one GET
    /// on that connection and returns the status code.
    static func with<T: Sendable>(
        port: Int, trusting authorityPEM: String,
        _ body: (_ get: (_ path: String, _ authorization: String?) async throws -> Int) async throws -> T
    ) async throws -> T {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authorityPEM.utf8)))
        let context = try NIOSSLContext(configuration: tls)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var iterator = inbound.makeAsyncIterator()
            return try await body { path, authorization in
                try await exchange(path: path, authorization: authorization, inbound: &iterator, outbound: outbound)
            }
        }
    }

    private static func exchange(
        path: String, authorization: String?, inbound: inout Inbound, outbound: Outbound
    ) async throws -> Int {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        head.headers.add(name: "Host", value: "localhost")
        if let authorization { head.headers.add(name: "Authorization", value: authorization) }
        try await outbound.write(.head(head))
        try await outbound.write(.end(nil))
        var status: Int?
        while let part = try await inbound.next() {
            switch part {
            case .head(let response): status = Int(response.status.code)
            case .body: continue
            case .end:
                guard let status else { throw Closed() }
                return status
            }
        }
        throw Closed()
    }

    /// The `Authorization` header value for basic auth.
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}
