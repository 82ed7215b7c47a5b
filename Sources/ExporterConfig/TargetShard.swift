/// `--targets.shard N/M`: this exporter polls the targets whose name hashes to shard N of M.
///
/// The hash is FNV-1a (64 bit) of the target name, stable across versions, platforms and runs, so M exporters
/// given the same configuration split the targets between them without talking to each other, and adding or
/// removing a target never moves another one.
public struct TargetShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    /// Parses `N/M` with 1 ≤ N ≤ M.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(index)
        else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the target with this name belongs to this shard.
    public func contains(_ name: String) -> Bool {
        Int(Self.fnv1a(name) % UInt64(count)) == index - 1
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension ExporterConfiguration {
    /// The configuration with only this shard's targets.
    public func sharded(_ shard: TargetShard) -> ExporterConfiguration {
        var copy = self
        copy.targets = targets.filter { shard.contains($0.name) }
        return copy
    }
}
