import Foundation

/// What the poller remembers of each target's last committed poll, kept in the database so that a new process
/// starts on the fast path. The memory itself is written with ``PollWriter/commit(_:)`` (``CompletePoll/memory``).
public protocol PollMemoryStore: Sendable {
    /// What the poller remembered of the target's last committed poll, per kind.
    func pollMemory(target: String) async throws -> [ObjectKind: Data]

    /// The key of the object fingerprints kept in this database (made at first use).
    func fingerprintKey() async throws -> PollMemoryKey

    /// When a committed poll of the target last read every subscription's limits and traffic (nil: never).
    func usageReadAt(target: String) async throws -> Date?
}

/// The 128-bit key the fingerprints of a database's kept memory are made with (SipHash's two halves).
public struct PollMemoryKey: Sendable, Hashable {
    public var k0: UInt64
    public var k1: UInt64

    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }
}
