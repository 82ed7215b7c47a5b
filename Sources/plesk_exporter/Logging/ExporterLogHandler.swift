import Foundation
import InventoryModel
import Logging
import Synchronization

/// Output format of the log lines (`--log.format`).
public enum LogFormat: String, Sendable, CaseIterable {
    case logfmt
    case json
}

/// Writes one line per message to standard error, as logfmt (`ts=… level=… msg=… key=value`) or JSON.
public struct ExporterLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    let format: LogFormat

    public init(label: String, level: Logger.Level, format: LogFormat) {
        self.label = label
        self.logLevel = level
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [
            ("ts", Self.timestamp()), ("level", Self.levelName(event.level)), ("msg", "\(event.message)"),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            fields.append((key, "\(merged[key]!)"))
        }
        let line: String
        switch format {
        case .logfmt:
            line = fields.map { "\($0.0)=\(Self.logfmtValue($0.1))" }.joined(separator: " ")
        case .json:
            line = "{" + fields.map { "\(Self.jsonString($0.0)):\(Self.jsonString($0.1))" }.joined(separator: ",") + "}"
        }
        StandardErrorWriter.write(line + "\n")
    }

    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "info"
        case .warning: "warn"
        case .error: "error"
        case .critical: "error"
        }
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func logfmtValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline }
        guard needsQuotes else { return value }
        return jsonString(value)
    }

    /// A JSON string literal: the canonical JSON writer's escaping.
    static func jsonString(_ value: String) -> String { JSONValue.string(value).canonicalText }
}

/// Serialises whole lines onto standard error.
enum StandardErrorWriter {
    static let lock = Mutex(())

    static func write(_ text: String) {
        lock.withLock { _ in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
