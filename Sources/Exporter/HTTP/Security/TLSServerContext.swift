import NIOCore
import NIOSSL

/// The TLS side of a loaded web configuration: one `NIOSSLContext` shared by new connections, and whether a
/// presented client certificate is taken without verification (`RequestClientCert`, `RequireAnyClientCert`).
struct TLSServerContext: Sendable {
    let context: NIOSSLContext
    let acceptsAnyClientCertificate: Bool

    /// A handler for one new connection.
    func makeHandler() -> NIOSSLServerHandler {
        guard acceptsAnyClientCertificate else {
            return NIOSSLServerHandler(context: context, customVerificationCallback: nil, configuration: .init())
        }
        // Replaces BoringSSL's chain verification; BoringSSL still refuses a missing certificate when one is required.
        return NIOSSLServerHandler(
            context: context, customVerificationCallback: { _, promise in promise.succeed(.certificateVerified) },
            configuration: .init())
    }
}
