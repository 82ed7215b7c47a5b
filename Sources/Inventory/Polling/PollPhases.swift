/// Where a complete poll spent its time, for logs and the benchmark.
public struct PollPhases: Sendable, Hashable {
    /// Both lists requested, received and scanned; new objects decoded (the two lists are fetched concurrently).
    public var fetch: Duration = .zero
    /// Owner, status and statistics calls.
    public var enrich: Duration = .zero
    /// Objects sorted into unchanged ones and candidates; candidates reduced to canonical JSON.
    public var reduce: Duration = .zero
    /// Stored state read and compared.
    public var diff: Duration = .zero
    /// The transaction.
    public var commit: Duration = .zero

    public init() {}

    /// Milliseconds per phase, for log metadata.
    var summary: String {
        func ms(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(Int((Double(seconds) * 1e3 + Double(attoseconds) / 1e15).rounded()))
        }
        return "fetch \(ms(fetch)) ms, enrich \(ms(enrich)) ms, reduce \(ms(reduce)) ms, diff \(ms(diff)) ms, "
            + "commit \(ms(commit)) ms"
    }
}
