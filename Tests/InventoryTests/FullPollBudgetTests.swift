import Foundation
import InventoryModel
import PleskAPI
import TestSupport
import Testing

@testable import Inventory

/// The budget of polls that read every object (SPEC §14): baselines wait for a share, unchanged polls never do, and
/// a share comes back however a poll ends.
@Suite("Full poll budget")
struct FullPollBudgetTests {
    /// Starts a reservation in a task of its own and returns it once it is queued (the `queued`-th waiter).
    static func waiting(_ budget: FullPollBudget, _ bytes: Int, queued: Int) async
        -> Task<FullPollBudget.Reservation, any Error>
    {
        let task = Task { try await budget.reserve(bytes: bytes) }
        #expect(await eventually { budget.snapshot.waiting == queued })
        return task
    }

    @Test("no more polls run than there are slots; a release admits the next")
    func slots() async throws {
        let budget = FullPollBudget(capacityBytes: 1_000, slots: 2)
        let first = try await budget.reserve(bytes: 10)
        let second = try await budget.reserve(bytes: 10)
        let third = await Self.waiting(budget, 10, queued: 1)
        #expect(budget.snapshot.running == 2)
        budget.release(first)
        let admitted = try await third.value
        #expect(admitted.bytes == 10)
        #expect(budget.snapshot == .init(
            capacityBytes: 1_000, slots: 2, reservedBytes: 20, running: 2, waiting: 0, admitted: 3,
            waitedSeconds: budget.snapshot.waitedSeconds))
        #expect(budget.snapshot.waitedSeconds > 0)
        budget.release(second)
        budget.release(admitted)
        #expect(budget.snapshot.reservedBytes == 0 && budget.snapshot.running == 0)
    }

    @Test("bytes: first come, first served, a small poll does not overtake a large one; an estimate over the capacity runs alone")
    func bytes() async throws {
        let budget = FullPollBudget(capacityBytes: 100, slots: 10)
        let first = try await budget.reserve(bytes: 60)
        let large = await Self.waiting(budget, 60, queued: 1)
        let small = await Self.waiting(budget, 10, queued: 2)
        // 60 + 10 would fit, but the small one is behind the large one.
        #expect(budget.snapshot.running == 1)
        budget.release(first)
        let (l, s) = (try await large.value, try await small.value)
        #expect(budget.snapshot.reservedBytes == 70)
        budget.release(l)
        budget.release(s)

        let huge = try await budget.reserve(bytes: 5_000)
        #expect(huge.bytes == 100)
        #expect(budget.snapshot.reservedBytes == 100)
        budget.release(huge)
    }

    @Test("a wait cancelled gives up its place and reserves nothing; the ones behind it move up")
    func cancelled() async throws {
        let budget = FullPollBudget(capacityBytes: 100, slots: 1)
        let holder = try await budget.reserve(bytes: 50)
        let cancelled = await Self.waiting(budget, 50, queued: 1)
        let behind = await Self.waiting(budget, 50, queued: 2)
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(budget.snapshot.waiting == 1)
        budget.release(holder)
        let next = try await behind.value
        #expect(budget.snapshot.running == 1 && budget.snapshot.reservedBytes == 50)
        budget.release(next)
        // Cancelled before it even asked: refused at once, nothing held.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await budget.reserve(bytes: 10)
        }
        await #expect(throws: CancellationError.self) { try await early.value }
        #expect(budget.snapshot.running == 0 && budget.snapshot.reservedBytes == 0 && budget.snapshot.waiting == 0)
    }

    @Test("the estimate: objects times the cost of one, a slot's share when unknown")
    func estimate() {
        let budget = FullPollBudget(memoryLimit: 1_000_000_000, cores: 2)
        #expect(budget.capacityBytes == 500_000_000 && budget.slots == 2)
        #expect(budget.estimate(objects: 1_000) == 1_000 * FullPollBudget.bytesPerObject)
        #expect(budget.estimate(objects: nil) == 250_000_000)
        #expect(budget.estimate(objects: .max) == 500_000_000)
    }

    @Test("pollers: a baseline waits for the budget, an unchanged poll never does, a cancelled or failed poll returns its share")
    func pollers() async throws {
        let budget = FullPollBudget(capacityBytes: 1 << 30, slots: 1)
        let fixture = try PollerFixture(
            targets: ["hanging", "queued", "steady", "failing"].map { PollerFixture.Target(name: $0) }, budget: budget)
        for name in ["hanging", "queued", "steady", "failing"] {
            fixture.source(name).update {
                $0.domains = (1...20).map { PleskDomain.make($0, "d\($0).\(name).example") }
                $0.clients = [.make(1, "admin", type: "admin")]
            }
        }
        // steady takes its baseline first, so it remembers every kind.
        #expect(try await fixture.poll("steady").poll.baseline)
        #expect(budget.snapshot.admitted == 1 && budget.snapshot.running == 0)

        fixture.source("hanging").update { $0.hangDomains = true }
        let hanging = Task { try await fixture.poll("hanging") }
        #expect(await eventually { fixture.source("hanging").calls(.domains) == 1 })
        #expect(budget.snapshot.running == 1)
        let queued = Task { try await fixture.poll("queued") }
        #expect(await eventually { budget.snapshot.waiting == 1 })
        #expect(fixture.source("queued").calls(.domains) == 0)

        // An unchanged poll goes past the queue.
        let unchanged = try await fixture.poll("steady")
        #expect(unchanged.succeeded && !unchanged.poll.baseline)
        #expect(budget.snapshot.waiting == 1 && budget.snapshot.admitted == 2)

        hanging.cancel()
        await #expect(throws: CancellationError.self) { try await hanging.value }
        let report = try await queued.value
        #expect(report.succeeded && report.poll.baseline)
        #expect(budget.snapshot.running == 0 && budget.snapshot.reservedBytes == 0)

        fixture.source("failing").update { $0.failDomains = .http }
        #expect(try await fixture.poll("failing").succeeded == false)
        #expect(budget.snapshot.running == 0 && budget.snapshot.reservedBytes == 0 && budget.snapshot.admitted == 4)
        // Its memory is still empty: the next poll waits for the budget again, estimated from no count.
        fixture.source("failing").update { $0.failDomains = nil }
        #expect(try await fixture.poll("failing").poll.baseline)
        #expect(budget.snapshot.admitted == 5)
    }
}
