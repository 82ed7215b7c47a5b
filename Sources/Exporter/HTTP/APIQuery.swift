import ExporterConfig
import Foundation
import Hummingbird
import Storage

/// Strict reading of query parameters: a value that is present but malformed is a 400 (`bad_data`), never
/// silently ignored. Empty values count as absent; unknown parameters are ignored, as in Prometheus.
struct APIQuery {
    /// Page sizes: `limit` defaults to this …
    static let defaultLimit = 100
    /// … and larger values are clamped to this. `limit=0` means "as many as allowed".
    static let maxLimit = 1000
    /// A history response has at most this many points per target (as Prometheus' range queries).
    static let maxHistoryPoints = 11_000

    private let values: [String: String]
    let now: Date

    init(_ request: Request, now: Date) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where values[String(key)] == nil {
            values[String(key)] = String(value)
        }
        self.values = values
        self.now = now
    }

    func string(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// RFC 3339, Unix seconds, or a relative duration meaning "that long ago" (`7d`).
    func time(_ name: String) throws(APIError) -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = Self.parseTime(text, now: now) else {
            throw .badData(
                "invalid parameter '\(name)': cannot parse \"\(text)\" as a time "
                    + "(use RFC 3339 like 2026-01-02T15:04:05Z, Unix seconds, or a duration ago like 7d)")
        }
        return try Self.checkRange(date, name: "parameter '\(name)'")
    }

    /// A time in one of the three spellings docs/openapi.json gives, and no other: RFC 3339 (also with the lower
    /// case `t` and `z` it allows), plain decimal Unix seconds (no sign, exponent or hex float, which `Double` would
    /// take), or a duration ago. The CLI stays more lenient.
    static func parseTime(_ text: String, now: Date) -> Date? {
        if isRFC3339(text) { return TimeParameter.parse(text.uppercased(), now: now) }
        guard isDecimal(text) || DurationParser.parse(text) != nil else { return nil }
        return TimeParameter.parse(text, now: now)
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

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The times the API takes: from the Unix epoch to the end of year 9999. Later ones could not be written back
    /// in RFC 3339 (four-digit years), and nothing was stored before 1970.
    static let timeRange = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 253_402_300_800)

    static func checkRange(_ date: Date, name: String) throws(APIError) -> Date {
        guard timeRange.contains(date) else {
            throw .badData("invalid \(name): times must be between 1970-01-01 and 9999-12-31")
        }
        return date
    }

    /// `since` and `until`, checked to be in order.
    func timeRange() throws(APIError) -> (since: Date?, until: Date?) {
        let since = try time("since")
        let until = try time("until")
        if let since, let until { try Self.checkOrder(since: since, until: until) }
        return (since, until)
    }

    static func checkOrder(since: Date, until: Date) throws(APIError) {
        guard until < since else { return }
        throw .badData(
            "invalid parameters: 'until' (\(TimeParameter.format(until))) is before "
                + "'since' (\(TimeParameter.format(since)))")
    }

    /// A page size: default ``defaultLimit``, clamped to ``maxLimit``; `0` means ``maxLimit``.
    func limit() throws(APIError) -> Int {
        guard let text = string("limit") else { return Self.defaultLimit }
        // Digits beyond Int's range are still a (very) large limit, clamped like any other.
        let digits = text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard let value = Int(text) ?? (digits ? Int.max : nil), value >= 0 else {
            throw .badData("invalid parameter 'limit': \"\(text)\" is not a non-negative integer")
        }
        return value == 0 ? Self.maxLimit : min(value, Self.maxLimit)
    }

    func object() throws(APIError) -> ObjectKind? {
        try choice("object", ObjectKind.self)
    }

    func change() throws(APIError) -> ChangeKind? {
        try choice("change", ChangeKind.self)
    }

    private func choice<T: RawRepresentable & CaseIterable>(_ name: String, _: T.Type) throws(APIError) -> T?
    where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badData("invalid parameter '\(name)': \"\(text)\" is not one of \(allowed)")
        }
        return value
    }

    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .badData("invalid parameter '\(name)': \"\(text)\" is not true or false")
        }
    }

    /// An event id cursor.
    func cursor(_ name: String) throws(APIError) -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw .badData("invalid parameter '\(name)': \"\(text)\" is not an event id (a non-negative integer)")
        }
        return value
    }

    /// A positive duration: Prometheus style (`1h`, `30m`, `1d`) or seconds (`3600`, `0.5`).
    func step(_ name: String) throws(APIError) -> Duration? {
        guard let text = string(name) else { return nil }
        if let seconds = Double(text), seconds.isFinite {
            guard seconds >= 0.001, seconds < 1e12 else {
                throw .badData("invalid parameter '\(name)': must be a positive duration")
            }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        guard let duration = DurationParser.parse(text) else {
            throw .badData("invalid parameter '\(name)': \"\(text)\" is not a duration (use 1h, 30m, 1d or seconds)")
        }
        guard duration > .zero else { throw .badData("invalid parameter '\(name)': must be a positive duration") }
        return duration
    }
}
