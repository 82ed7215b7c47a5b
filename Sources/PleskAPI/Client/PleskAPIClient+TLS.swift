import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

extension PleskAPIClient {
    /// The TLS configuration for a target's verification mode. Pinned targets get theirs after a probe.
    static func baseTLSConfiguration(_ options: PleskTLSOptions, targetName: String) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if options.insecureSkipVerify {
            tls.certificateVerification = .none
        } else if let caFile = options.caFile {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw PleskAPIError(
                    reason: .tls, target: targetName, endpoint: .server,
                    detail: "cannot load CA file \(caFile): \(error)")
            }
        }
        return tls
    }

    /// The TLS configuration that trusts exactly the pinned certificate, probing the server once to obtain it.
    ///
    /// AsyncHTTPClient offers no per-connection verification hook, so the pin is checked with a handshake of our
    /// own; its leaf certificate then becomes the only trust root (hostname checks off: the pin names the key).
    /// Any later connection that presents another certificate fails verification.
    func pinnedTLSConfiguration(endpoint: PleskEndpoint) async throws -> TLSConfiguration {
        if let cached = pinnedTLS.withLock({ $0 }) { return cached }
        guard let pin = target.tls.fingerprintSHA256.flatMap(PleskTLSOptions.normalizeFingerprint) else {
            throw PleskAPIError(
                reason: .tls, target: target.name, endpoint: endpoint, detail: "fingerprint_sha256 is not 32 bytes of hex")
        }
        guard let host = target.url.host, !host.isEmpty else {
            throw PleskAPIError(reason: .other, target: target.name, endpoint: endpoint, detail: "the URL has no host")
        }
        let port = target.url.port ?? (target.isPlainHTTP ? 80 : 443)
        let leaf = try await CertificatePinProbe.leafCertificate(
            host: host, port: port, pin: pin, targetName: target.name, endpoint: endpoint)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.trustRoots = .certificates([leaf])
        tls.certificateVerification = .noHostnameVerification
        pinnedTLS.withLock { $0 = tls }
        return tls
    }
}

/// One TLS handshake that reads the server's leaf certificate and checks it against a SHA-256 pin.
enum CertificatePinProbe {
    /// Colon-separated upper-case hex SHA-256 of a certificate's DER encoding.
    static func fingerprint(of certificate: NIOSSLCertificate) throws -> String {
        let der = try certificate.toDERBytes()
        return SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    static func leafCertificate(
        host: String, port: Int, pin: String, targetName: String, endpoint: PleskEndpoint
    ) async throws -> NIOSSLCertificate {
        func failure(_ detail: String) -> PleskAPIError {
            PleskAPIError(reason: .tls, target: targetName, endpoint: endpoint, detail: detail)
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: configuration) } catch {
            throw failure("cannot set up TLS: \(error)")
        }
        let seen = Mutex<(leaf: NIOSSLCertificate?, fingerprint: String?)>((nil, nil))
        let isIPAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(
                        context: context, serverHostname: isIPAddress ? nil : host,
                        customVerificationCallback: { certificates, promise in
                            guard let leaf = certificates.first, let actual = try? fingerprint(of: leaf) else {
                                promise.succeed(.failed)
                                return
                            }
                            seen.withLock { $0 = (leaf, actual) }
                            promise.succeed(actual == pin ? .certificateVerified : .failed)
                        })
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(HandshakeWaiter())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw PleskAPIError(
                reason: .connect, target: targetName, endpoint: endpoint, detail: "cannot connect: \(error)")
        }
        defer { channel.close(promise: nil) }
        do {
            let waiter = try await channel.pipeline.handler(type: HandshakeWaiter.self).get()
            try await waiter.done.futureResult.get()
        } catch {
            let observed = seen.withLock { $0.fingerprint }
            if let observed, observed != pin {
                throw failure("certificate fingerprint mismatch: the server presents SHA-256 \(observed), pinned \(pin)")
            }
            throw failure("TLS handshake failed: \(error)")
        }
        guard let leaf = seen.withLock({ $0.leaf }) else { throw failure("the server presented no certificate") }
        return leaf
    }
}

/// Completes when the TLS handshake finishes or fails.
private final class HandshakeWaiter: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private(set) var done: EventLoopPromise<Void>!

    func handlerAdded(context: ChannelHandlerContext) {
        done = context.eventLoop.makePromise()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        done.fail(ChannelError.ioOnClosedChannel)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { done.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        done.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}
