import ExporterConfig
import Foundation

/// Times as the CLI and the JSON API accept and print them (SPEC §8).
public enum TimeParameter {
    /// Parses RFC 3339 (`2026-01-02T03:04:05Z`), Unix seconds (`1767322800`, fractions allowed) or a relative
    /// duration meaning "that long ago" (`7d`, `90m`). Nil when it is none of these.
    public static func parse(_ text: String, now: Date = Date()) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed), seconds.isFinite {
            return Date(timeIntervalSince1970: seconds)
        }
        if let duration = DurationParser.parse(trimmed) {
            let (seconds, attoseconds) = duration.components
            return now.addingTimeInterval(-(Double(seconds) + Double(attoseconds) / 1e18))
        }
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? fractional.parse(trimmed) { return date }
        return nil
    }

    /// RFC 3339 in UTC with second precision: `2026-01-02T03:04:05Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
