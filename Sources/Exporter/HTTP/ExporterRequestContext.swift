import Foundation
import Hummingbird

/// The request context of the exporter's router: JSON responses with sorted keys, so output is stable.
public struct ExporterRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Request bodies (the acknowledge endpoints) are tiny.
    public var maxUploadSize: Int { 64 * 1024 }

    public var responseEncoder: JSONEncoder { JSONOutput.encoder() }
}
