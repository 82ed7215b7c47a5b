import Foundation
import Inventory
import Synchronization

/// A clock the test moves by hand. Starts at 2027-01-15T08:00:00Z.
final class TestClock: InventoryClock {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    private let current: Mutex<Date>

    init(_ start: Date = TestClock.start) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
