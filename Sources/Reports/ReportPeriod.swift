import Foundation
import InventoryModel

/// The time span a report covers: the state at `start`, every change after `start` up to and including `end`, and
/// the state at `end`. Consecutive periods that share an end and a start therefore list each change exactly once.
public struct ReportPeriod: Sendable, Hashable {
    /// Seven days, the default length (SPEC §10: weekly reports).
    public static let defaultLength: TimeInterval = 7 * 86_400

    public let start: Date
    public let end: Date

    /// - Throws: ``ReportError/Code/badPeriod`` when the period is empty or starts after it ends.
    public init(start: Date, end: Date) throws(ReportError) {
        // Whole milliseconds, as the store keeps times: the boundaries then compare exactly with stored times.
        let start = Date(unixMilliseconds: start.unixMilliseconds)
        let end = Date(unixMilliseconds: end.unixMilliseconds)
        guard start < end else {
            let problem = start == end ? "is empty" : "starts after it ends"
            throw ReportError(
                .badPeriod,
                "the report period \(problem): start \(ReportText.rfc3339(start)), end \(ReportText.rfc3339(end))")
        }
        self.start = start
        self.end = end
    }

    /// How far after `now` a report may end. A report has a point per day up to its end, and nothing can have
    /// happened there yet: an end in year 9999 made a page of a gigabyte and minutes of work.
    public static let maximumDaysAhead = 366

    /// The period from optional bounds: `end` defaults to `now`, `start` to ``defaultLength`` before the end.
    /// - Throws: ``ReportError/Code/badPeriod`` also when `end` is more than ``maximumDaysAhead`` days after `now`.
    public static func resolve(start: Date?, end: Date?, now: Date) throws(ReportError) -> ReportPeriod {
        let end = end ?? now
        guard end.timeIntervalSince(now) <= TimeInterval(maximumDaysAhead) * 86_400 else {
            throw ReportError(
                .badPeriod,
                "a report cannot end more than \(maximumDaysAhead) days from now (end \(ReportText.rfc3339(end)))")
        }
        return try ReportPeriod(start: start ?? end.addingTimeInterval(-defaultLength), end: end)
    }

    public var duration: TimeInterval { end.timeIntervalSince(start) }

    /// The earliest time a change in the period can have (the store's resolution is a millisecond).
    var firstChangeTime: Date { Date(unixMilliseconds: start.unixMilliseconds + 1) }
}
