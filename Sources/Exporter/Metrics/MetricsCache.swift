import Synchronization

/// The parts of `/metrics` that change only now and then, rendered and compressed once per change instead of once
/// per scrape: the inventory part (changes when a poll finishes or an event is acknowledged) and the exporter's own
/// instrumentation (changes while polls run). Per scrape only the small live part — `process_*` and webhook
/// deliveries — is rendered and compressed.
///
/// Prometheus scrapes every 15 s or so and several servers often scrape one exporter; with 20 targets the cached
/// parts are nearly all of the body.
final class MetricsCache: Sendable {
    /// One rendered part and the generation of its source it was rendered from.
    struct Part: Sendable {
        let generation: UInt64
        let plain: [UInt8]
        /// `plain` as raw deflate, ready to be joined with the following parts (see ``DeflatedPart``).
        let deflated: DeflatedPart

        init(generation: UInt64, plain: [UInt8]) {
            self.generation = generation
            self.plain = plain
            self.deflated = DeflatedPart(plain, final: false)
        }
    }

    private let inventoryPart = Mutex<Part?>(nil)
    private let instrumentationPart = Mutex<Part?>(nil)

    /// The inventory part, re-rendered first when `status` changed since it was rendered.
    func inventory(from status: ExporterStatus) async -> Part {
        let snapshot: StatusSnapshot
        if let cached = inventoryPart.withLock({ $0 }) {
            guard let changed = await status.snapshot(ifChangedSince: cached.generation) else { return cached }
            snapshot = changed
        } else {
            snapshot = await status.snapshot()
        }
        return Self.keepNewer(
            Part(generation: snapshot.generation, plain: MetricsExposition.inventoryPart(snapshot)), in: inventoryPart)
    }

    /// The instrumentation part, re-rendered first when `telemetry` changed since it was rendered.
    func instrumentation(from telemetry: ExporterTelemetry?) -> Part {
        let generation = telemetry?.generation ?? 0
        if let cached = instrumentationPart.withLock({ $0 }), cached.generation == generation { return cached }
        // Read before rendering: a change during the rendering leaves a newer generation, so the next scrape
        // renders again.
        return Self.keepNewer(
            Part(generation: generation, plain: MetricsExposition.instrumentationPart(telemetry)), in: instrumentationPart)
    }

    /// Two scrapes may render the same change at once; either result is right, and the newer is kept.
    private static func keepNewer(_ fresh: Part, in slot: borrowing Mutex<Part?>) -> Part {
        slot.withLock { current in
            if current.map({ $0.generation <= fresh.generation }) ?? true { current = fresh }
        }
        return fresh
    }
}
