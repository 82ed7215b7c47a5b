/// Refuses a source that suddenly lists far fewer rows than the last accepted read — a truncated export or a billing
/// API answering from an empty replica would otherwise open an `unbilled` finding for every row lost — until
/// the same count has been read `confirmReads` times in a row (the removal guard's idea, SPEC §6).
public struct ShrinkGuard: Sendable, Hashable {
    /// The largest fraction of rows a read may lose at once.
    public var maxFraction: Double
    /// How many reads in a row must agree on a shrunken count before it is believed.
    public var confirmReads: Int

    public init(maxFraction: Double = 0.2, confirmReads: Int = 3) {
        self.maxFraction = maxFraction
        self.confirmReads = confirmReads
    }

    /// The decision on a read of `count` rows, given the last accepted count and how many reads in a row have
    /// already reported exactly `count` while refused (`pending`).
    public func judge(count: Int, lastAccepted: Int?, pending: (count: Int, reads: Int)?) -> Decision {
        guard let lastAccepted, lastAccepted > 0 else { return .accept }
        let lost = Double(lastAccepted - count) / Double(lastAccepted)
        guard lost > maxFraction else { return .accept }
        let reads = (pending?.count == count ? pending!.reads : 0) + 1
        return reads >= confirmReads ? .accept : .hold(reads: reads)
    }

    public enum Decision: Sendable, Hashable {
        case accept
        /// Refused for now; `reads` reads in a row have reported this count.
        case hold(reads: Int)
    }
}
