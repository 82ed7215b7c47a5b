import ExporterConfig
import Foundation
import Hummingbird
import InventoryModel

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
        guard let date = TimeParameter.parse(text, now: now) else {
            throw .badData(
                "invalid parameter '\(name)': cannot parse \"\(text)\" as a time "
                    + "(use RFC 3339 like 2026-01-02T15:04:05Z, Unix seconds, or a duration ago like 7d)")
        }
        return try Self.checkRange(date, name: "parameter '\(name)'")
    }

    static func checkRange(_ date: Date, name: String) throws(APIError) -> Date {
        guard TimeParameter.range.contains(date) else {
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

    func findingKind() throws(APIError) -> FindingKind? {
        try choice("kind", FindingKind.self)
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
