import Foundation
import Synchronization

/// A remote source's last good read, reused for its interval: reconciliation runs after every successful poll, and
/// reading billing that often would load someone else's server for data that changes slowly.
///
/// The change token tells the service when the interval has passed (so it re-reads without waiting for a poll).
final class RemoteReadCache: Sendable {
    let interval: Duration
    let clock: @Sendable () -> Date
    private let last = Mutex<(rows: [ExpectedRow], at: Date)?>(nil)

    init(interval: Duration, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.interval = interval
        self.clock = clock
    }

    private var seconds: Double {
        let (whole, fraction) = interval.components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// How old a read may be and still be reused: the interval less a little slack, so the service's check on the
    /// interval's tick (which comes a moment less than an interval after the read) re-reads rather than waiting a
    /// second interval.
    private var freshFor: Double { seconds - min(seconds * 0.1, 30) }

    /// The rows of a read younger than the interval.
    func fresh() -> [ExpectedRow]? {
        let now = clock()
        return last.withLock { last in
            guard let last, now.timeIntervalSince(last.at) < freshFor else { return nil }
            return last.rows
        }
    }

    func store(_ rows: [ExpectedRow]) {
        let now = clock()
        last.withLock { $0 = (rows, now) }
    }

    /// Stable while the last read is fresh; once it is due, a value that changes every interval (so a failing
    /// source is retried at that pace too).
    func changeToken() -> String {
        let now = clock()
        if let at = last.withLock({ $0?.at }), now.timeIntervalSince(at) < freshFor {
            return "read:\(at.timeIntervalSince1970)"
        }
        return "due:\(Int((now.timeIntervalSince1970 / max(seconds, 1)).rounded(.down)))"
    }
}
