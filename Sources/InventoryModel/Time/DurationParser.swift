/// Prometheus-style durations: an integer and a unit, several in descending order (`1h30m`, `7d`, `1y2w`).
///
/// Units: `ms`, `s`, `m`, `h`, `d` (24h), `w` (7d), `y` (365d). Each unit at most once, largest first,
/// no fractions, no sign, no spaces. `"0"` alone is accepted and means zero (as in Prometheus); each key
/// then decides whether zero is allowed.
public enum DurationParser {
    private static let units: [(name: String, milliseconds: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000),
        ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// The duration written in `text`, or nil if it is not a valid duration.
    public static func parse(_ text: String) -> Duration? {
        let scalars = Array(text.unicodeScalars)
        if text == "0" { return .zero }
        var index = 0
        var lastRank = -1
        var total: Int64 = 0
        while index < scalars.count {
            let digitsStart = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard index > digitsStart,
                let number = Int64(String(String.UnicodeScalarView(scalars[digitsStart..<index])))
            else { return nil }
            let unitStart = index
            while index < scalars.count, ("a"..."z").contains(scalars[index]) { index += 1 }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            guard let rank = units.firstIndex(where: { $0.name == unit }), rank > lastRank else { return nil }
            lastRank = rank
            let (product, overflow) = number.multipliedReportingOverflow(by: units[rank].milliseconds)
            guard !overflow else { return nil }
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            guard !sumOverflow else { return nil }
            total = sum
        }
        guard lastRank >= 0 else { return nil }
        return .milliseconds(total)
    }

    /// The shortest text `parse` reads back as `duration` (to the millisecond): `5m`, `1h30m`, `2w`, `400d`.
    /// Weeks and years are used only when they divide the duration exactly; zero is `0s`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds < 0) {
            return "-" + format(.zero - duration)
        }
        let (secondsInMilliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return "\(seconds)s" }
        let milliseconds = secondsInMilliseconds + attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "0s" }
        for unit in units.prefix(2) where milliseconds % unit.milliseconds == 0 {
            return "\(milliseconds / unit.milliseconds)\(unit.name)"
        }
        var rest = milliseconds
        var text = ""
        for unit in units.dropFirst(2) where rest >= unit.milliseconds {
            text += "\(rest / unit.milliseconds)\(unit.name)"
            rest %= unit.milliseconds
        }
        return text
    }
}
