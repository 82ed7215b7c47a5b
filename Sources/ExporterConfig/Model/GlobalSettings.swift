/// Defaults for every target, and exporter-wide limits (`global`).
public struct GlobalSettings: Sendable, Hashable {
    /// How often each target is polled, unless the target overrides it.
    public var pollInterval: Duration
    /// Deadline for one HTTP request to Plesk, unless the target overrides it.
    public var timeout: Duration
    /// Requests in flight per target, unless the target overrides it.
    public var concurrency: Int
    public var removalGuard: RemovalGuardSettings
    /// Largest response body accepted from Plesk, in bytes (`max_response_size`).
    public var maxResponseBytes: Int
    /// The resident memory the exporter plans for (`memory_limit`); nil: the cgroup's limit, else
    /// ``defaultMemoryLimit`` (resolved when the pollers are built).
    public var memoryLimit: Int?

    public static let defaultMaxResponseBytes = 256 * 1024 * 1024
    /// `memory_limit` without a configured value or a cgroup limit.
    public static let defaultMemoryLimit = 1024 * 1024 * 1024

    public init(
        pollInterval: Duration = .seconds(300), timeout: Duration = .seconds(30), concurrency: Int = 4,
        removalGuard: RemovalGuardSettings = .init(), maxResponseBytes: Int = Self.defaultMaxResponseBytes
    ) {
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.concurrency = concurrency
        self.removalGuard = removalGuard
        self.maxResponseBytes = maxResponseBytes
    }
}
