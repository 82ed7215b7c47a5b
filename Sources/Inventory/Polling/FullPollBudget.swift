import Foundation
import Synchronization

/// Memory and cores shared by the polls that read every object: a baseline, a poll after the kept memory was lost,
/// a subscription usage refresh (SPEC §14).
///
/// Such a poll decodes and holds every object of its target at once (about ``bytesPerObject`` each); an unchanged
/// poll holds only what changed. Taken all at once, the baselines of N targets need N times that memory together
/// (800+ MiB for 50 targets of 12,000 objects), and progress together, so under load none is up for minutes. Through
/// the budget they run a few at a time, in the order they asked: the peak stays near the steady state plus
/// ``slots`` polls' worth, and targets come up one after another. Polls that find their memory never ask, so they
/// never wait behind a baseline.
///
/// A poll reserves its estimated bytes before it fetches and returns them when it ends, however it ends. Admission
/// is first come, first served: a large poll is not overtaken by smaller ones behind it. One poll always runs even
/// when its estimate exceeds the capacity (it is clamped), so a target larger than the budget is slow, never stuck.
public final class FullPollBudget: Sendable {
    /// Estimated peak memory of one object read in full (decoded, canonical JSON, its event and version rows until
    /// the commit): a 100,000-domain baseline peaks about 1.5 KiB per object above the steady state
    /// (`plesk_exporter_bench 100000`); subscriptions, decoded from XML with their limits, cost more.
    public static let bytesPerObject = 2_560

    /// What `/metrics` shows.
    public struct Snapshot: Sendable, Equatable {
        public var capacityBytes: Int
        public var slots: Int
        public var reservedBytes: Int
        public var running: Int
        public var waiting: Int
        /// Polls admitted since start.
        public var admitted: Int
        /// Seconds polls spent waiting, summed, since start.
        public var waitedSeconds: Double
    }

    /// Held by an admitted poll until ``release(_:)``.
    public struct Reservation: Sendable {
        let id: UInt64
        public let bytes: Int
    }

    private struct Waiter {
        let id: UInt64
        let bytes: Int
        let since: ContinuousClock.Instant
        let continuation: CheckedContinuation<Reservation, any Error>
    }

    private typealias Admission = (reservation: Reservation, continuation: CheckedContinuation<Reservation, any Error>)

    private struct State {
        var reserved = 0
        var running = 0
        var waiters: [Waiter] = []
        /// Waits cancelled before they were queued (the cancellation handler ran first).
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
        var admitted = 0
        var waitedSeconds = 0.0
    }

    /// The bytes full polls may reserve together.
    public let capacityBytes: Int
    /// How many full polls run at once: they are CPU-bound, so more than the cores only interleaves them.
    public let slots: Int
    /// The resident memory the exporter plans for, when the budget was made from it (`/metrics` shows it).
    public let memoryLimit: Int?
    private let state = Mutex(State())

    public init(capacityBytes: Int, slots: Int, memoryLimit: Int? = nil) {
        self.capacityBytes = max(1, capacityBytes)
        self.slots = max(1, slots)
        self.memoryLimit = memoryLimit
    }

    /// The budget of an exporter that plans for `memoryLimit` bytes of resident memory: half of it for full polls,
    /// the other half for what every target keeps and the HTTP side; one slot per core, at least two.
    public convenience init(memoryLimit: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.init(capacityBytes: memoryLimit / 2, slots: max(2, cores), memoryLimit: memoryLimit)
    }

    /// What a full poll of `objects` objects reserves; unknown (a target never polled here): a slot's share.
    public func estimate(objects: Int?) -> Int {
        guard let objects else { return capacityBytes / slots }
        let (bytes, overflow) = objects.multipliedReportingOverflow(by: Self.bytesPerObject)
        return overflow ? capacityBytes : bytes
    }

    /// Waits until `bytes` (clamped to the capacity) can be reserved, and reserves them.
    /// - Throws: `CancellationError` when the task is cancelled while waiting (nothing stays reserved).
    public func reserve(bytes: Int) async throws -> Reservation {
        let bytes = min(max(0, bytes), capacityBytes)
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        let since = ContinuousClock.now
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Reservation, any Error>) in
                let admitted: [Admission]? = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return nil }
                    state.waiters.append(Waiter(id: id, bytes: bytes, since: since, continuation: continuation))
                    return Self.admitWaiting(&state, capacity: capacityBytes, slots: slots)
                }
                guard let admitted else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                for entry in admitted { entry.continuation.resume(returning: entry.reservation) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
            // The queue's head may have been blocked behind the cancelled one.
            self.resumeAdmitted()
        }
    }

    /// Returns a reservation's bytes and slot, and admits the polls that now fit.
    public func release(_ reservation: Reservation) {
        state.withLock { state in
            state.reserved -= reservation.bytes
            state.running -= 1
            state.cancelled.remove(reservation.id)
        }
        resumeAdmitted()
    }

    public var snapshot: Snapshot {
        state.withLock { state in
            Snapshot(
                capacityBytes: capacityBytes, slots: slots, reservedBytes: state.reserved, running: state.running,
                waiting: state.waiters.count, admitted: state.admitted, waitedSeconds: state.waitedSeconds)
        }
    }

    private func resumeAdmitted() {
        let admitted = state.withLock { Self.admitWaiting(&$0, capacity: capacityBytes, slots: slots) }
        for entry in admitted { entry.continuation.resume(returning: entry.reservation) }
    }

    /// Admits waiters from the head of the queue while they fit; returns them to be resumed outside the lock.
    private static func admitWaiting(_ state: inout State, capacity: Int, slots: Int) -> [Admission] {
        var admitted: [Admission] = []
        let now = ContinuousClock.now
        while let head = state.waiters.first, state.running < slots,
            state.running == 0 || state.reserved + head.bytes <= capacity
        {
            state.waiters.removeFirst()
            state.reserved += head.bytes
            state.running += 1
            state.admitted += 1
            state.waitedSeconds += (now - head.since).timeInterval
            admitted.append((Reservation(id: head.id, bytes: head.bytes), head.continuation))
        }
        return admitted
    }
}
