/// Writes the Prometheus text exposition format 0.0.4 for series rebuilt on every scrape.
///
/// Each family gets exactly one `# HELP` and `# TYPE` line, written by ``family(_:type:help:)`` before its samples.
/// Label values are escaped (backslash, double quote, line feed) as the format requires.
struct MetricsText {
    enum MetricType: String {
        case gauge
        case counter
    }

    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    mutating func family(_ name: String, type: MetricType, help: String) {
        append("# HELP ")
        append(name)
        append(" ")
        for byte in help.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            default: bytes.append(byte)
            }
        }
        append("\n# TYPE ")
        append(name)
        append(" ")
        append(type.rawValue)
        append("\n")
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        append(name)
        appendLabels(labels)
        append(" ")
        append(Self.format(value))
        append("\n")
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Int) {
        append(name)
        appendLabels(labels)
        append(" ")
        append(String(value))
        append("\n")
    }

    /// Appends text that is already in exposition format (e.g. pre-rendered samples).
    mutating func appendRaw(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
    }

    private mutating func appendLabels(_ labels: [(String, String)]) {
        guard !labels.isEmpty else { return }
        append("{")
        for (index, (name, value)) in labels.enumerated() {
            if index > 0 { append(",") }
            append(name)
            append("=\"")
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\n"): append("\\n")
                default: bytes.append(byte)
                }
            }
            append("\"")
        }
        append("}")
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Integers without a fraction, everything else as Swift prints a Double (Prometheus parses both);
    /// NaN and infinities in the spelling the format defines.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
