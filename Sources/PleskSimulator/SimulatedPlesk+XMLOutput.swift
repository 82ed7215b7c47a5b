extension SimulatedPlesk {
    /// How the XML API lays out its answers. Real servers have sent both declarations, and pretty or compact
    /// output (`HTTP_PRETTY_PRINT: TRUE` asks for pretty), so a client must parse all of them; tests pin one.
    public struct XMLOutput: Sendable, Hashable, CustomStringConvertible {
        public enum Declaration: Sendable, Hashable {
            /// `<?xml version="1.0" encoding="UTF-8"?>`
            case withEncoding
            /// `<?xml version="1.0"?>`
            case bare
            /// Switches at every answer.
            case alternating
        }

        public enum Layout: Sendable, Hashable {
            /// One element per line, indented by two spaces.
            case pretty
            /// No whitespace between elements.
            case compact
            /// Pretty when the request has `HTTP_PRETTY_PRINT: TRUE`, else compact.
            case prettyPrintHeader
            /// Switches every second answer, so four answers show every declaration/layout pair.
            case alternating
        }

        public var declaration: Declaration
        public var layout: Layout

        public init(declaration: Declaration, layout: Layout) {
            self.declaration = declaration
            self.layout = layout
        }

        /// Every combination in turn (the default).
        public static let varying = XMLOutput(declaration: .alternating, layout: .alternating)
        public static let prettyWithEncoding = XMLOutput(declaration: .withEncoding, layout: .pretty)
        public static let compactBare = XMLOutput(declaration: .bare, layout: .compact)

        public var description: String { "\(self.declaration)/\(self.layout)" }

        /// The choice for answer number `sequence` (from 0).
        func resolve(sequence: Int, prettyPrintRequested: Bool) -> (withEncoding: Bool, pretty: Bool) {
            let withEncoding: Bool =
                switch self.declaration {
                case .withEncoding: true
                case .bare: false
                case .alternating: sequence % 2 == 0
                }
            let pretty: Bool =
                switch self.layout {
                case .pretty: true
                case .compact: false
                case .prettyPrintHeader: prettyPrintRequested
                case .alternating: sequence / 2 % 2 == 0
                }
            return (withEncoding, pretty)
        }
    }
}
