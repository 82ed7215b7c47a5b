/// Why an expected source was not used: it changes no finding (SPEC §16). Messages name the file or URL, the line
/// and the column, never a credential or a header value.
public struct ExpectedSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The file or URL could not be read (missing, permissions, network, HTTP status, TLS).
        case unreadable
        /// No header, or a header but no row.
        case empty
        /// Not the CSV expected: quoting, field counts, a missing column, an unknown status, a bad name.
        case malformed
        /// Far fewer rows than the last accepted read, and not yet confirmed (the removal guard's idea).
        case shrunken
    }

    public var reason: Reason
    /// The source's name.
    public var source: String
    public var detail: String

    public init(reason: Reason, source: String, detail: String) {
        self.reason = reason
        self.source = source
        self.detail = detail
    }

    public var description: String { "expected source \(source): \(reason.rawValue): \(detail)" }
}
