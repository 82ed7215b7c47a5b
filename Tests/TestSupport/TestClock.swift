import Foundation
import Inventory
import Synchronization

/// A clock the test moves by hand. Starts at 2027-01-15T08:00:00Z.
public final class TestClock: InventoryClock {
    public static let start = Date(timeIntervalSince1970: 1_800_000_000)
    private let current: Mutex<Date>

    public init(_ start: Date = TestClock.start) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
