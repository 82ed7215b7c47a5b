/// Why a report could not be made, in words an operator can act on (never a secret).
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case badPeriod = "bad period"
            case unknownTarget = "unknown target"
            case unknownFormat = "unknown format"
            case noPolls = "no polls"
            case output = "output"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The period is empty or starts after it ends.
        public static let badPeriod = Code(.badPeriod)
        /// A requested target is not in the database.
        public static let unknownTarget = Code(.unknownTarget)
        /// The format is not markdown, csv, json or html.
        public static let unknownFormat = Code(.unknownFormat)
        /// None of the requested targets was polled during the period.
        public static let noPolls = Code(.noPolls)
        /// The report file could not be written.
        public static let output = Code(.output)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// What went wrong and, where it helps, what to do about it.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
