import Foundation

/// Times as the CLI and the JSON API accept and print them (SPEC §8), one grammar for both (docs/openapi.json
/// describes it).
public enum TimeParameter {
    /// The times accepted: from the Unix epoch to the end of year 9999. Later ones could not be written back in
    /// RFC 3339 (four-digit years), and nothing was stored before 1970.
    public static let range = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 253_402_300_800)

    /// Parses RFC 3339 (`2026-01-02T03:04:05Z`, fractions and offsets allowed, also with the lower case `t` and `z`
    /// RFC 3339 allows), plain decimal Unix seconds (`1767322800`, `1767322800.5`: no sign, exponent or hex float,
    /// which `Double` would take) or a duration meaning "that long ago" (`7d`, `90m`). Nil when it is none of
    /// these; whether the time is in ``range`` is the caller's check, so it can say so.
    public static func parse(_ text: String, now: Date = Date()) -> Date? {
        if isRFC3339(text) {
            let upper = text.uppercased()
            if let date = try? Date(upper, strategy: .iso8601) { return date }
            return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(upper)
        }
        if isDecimal(text) { return Double(text).map(Date.init(timeIntervalSince1970:)) }
        if let duration = DurationParser.parse(text) {
            let (seconds, attoseconds) = duration.components
            return now.addingTimeInterval(-(Double(seconds) + Double(attoseconds) / 1e18))
        }
        return nil
    }

    /// RFC 3339 in UTC with second precision: `2026-01-02T03:04:05Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `123` or `123.456`.
    static func isDecimal(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
    }

    /// `2027-01-15T08:00:00Z`, with optional fractional seconds and a `Z` or `±hh:mm` offset (the shape only; the
    /// parser checks the fields).
    static func isRFC3339(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        // yyyy-mm-ddThh:mm:ss
        let shape = Array("dddd-dd-ddTdd:dd:dd".utf8)
        guard bytes.count > shape.count else { return false }
        for (byte, expected) in zip(bytes, shape) {
            switch expected {
            case UInt8(ascii: "d"): guard isDigit(byte) else { return false }
            case UInt8(ascii: "T"): guard byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") else { return false }
            default: guard byte == expected else { return false }
            }
        }
        var rest = bytes[shape.count...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: isDigit)
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        if rest.count == 1 { return rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") }
        let offset = Array(rest)
        return offset.count == 6 && (offset[0] == UInt8(ascii: "+") || offset[0] == UInt8(ascii: "-"))
            && isDigit(offset[1]) && isDigit(offset[2]) && offset[3] == UInt8(ascii: ":") && isDigit(offset[4])
            && isDigit(offset[5])
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
