import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// Like HummingbirdTLS's `TLSChannel`, but each new connection takes the TLS context in force when it arrives,
/// so a reloaded certificate or client CA applies to new connections while open ones carry on with theirs.
struct ReloadableTLSChannel<Base: HTTPChannelHandler>: HTTPChannelHandler {
    typealias Value = Base.Value

    let base: Base
    let security: ReloadableWebSecurity

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // A reload never switches between TLS and plain HTTP, so the context is always there.
            guard let tls = security.current.tls else {
                throw WebServerError(.tlsUnavailable, "the web configuration in force has no TLS context")
            }
            try channel.pipeline.syncOperations.addHandler(tls.makeHandler())
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }

    var responder: Responder { base.responder }
}
