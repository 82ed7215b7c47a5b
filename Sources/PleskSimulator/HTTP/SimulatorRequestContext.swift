import Hummingbird
import NIOCore

/// Request context that keeps the connection's channel, which faults need (to notice a client giving up,
/// or to drop the connection without an answer).
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
