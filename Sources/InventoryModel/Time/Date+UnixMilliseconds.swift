import Foundation

// Times are stored as INTEGER Unix milliseconds: exact, compact (6-byte varints), and ordered like the Dates.
extension Date {
    /// Milliseconds since 1970, rounded; clamped for dates outside the Int64 range.
    package var unixMilliseconds: Int64 {
        let value = (timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? .max : .min) }
        if value >= 9.2e18 { return .max }
        if value <= -9.2e18 { return .min }
        return Int64(value)
    }

    package init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
