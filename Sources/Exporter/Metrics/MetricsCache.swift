import Synchronization

/// The inventory part of `/metrics`, rendered and compressed once per status change instead of once per scrape.
///
/// Prometheus scrapes every 15 s or so, several servers often scrape the same exporter, and the inventory part is
/// most of the body and changes only when a poll finishes or an event is acknowledged. Per scrape only the live
/// part (process metrics, the exporter's own counters and histograms) is rendered and compressed.
final class MetricsCache: Sendable {
    struct Inventory: Sendable {
        let generation: UInt64
        let plain: [UInt8]
        /// `plain` as raw deflate, ready to be joined with the live part (see ``DeflatedPart``).
        let deflated: DeflatedPart
    }

    private let current = Mutex<Inventory?>(nil)

    /// The cached part, re-rendered first when `status` changed since it was rendered.
    func inventory(from status: ExporterStatus) async -> Inventory {
        let snapshot: StatusSnapshot
        if let cached = current.withLock({ $0 }) {
            guard let changed = await status.snapshot(ifChangedSince: cached.generation) else { return cached }
            snapshot = changed
        } else {
            snapshot = await status.snapshot()
        }
        let plain = MetricsExposition.inventoryPart(snapshot)
        let fresh = Inventory(generation: snapshot.generation, plain: plain, deflated: DeflatedPart(plain, final: false))
        // Two scrapes may render the same change at once; either result is right, the newer generation is kept.
        current.withLock { if ($0?.generation ?? 0) <= fresh.generation || $0 == nil { $0 = fresh } }
        return fresh
    }
}
