/// Blanks secrets out of a message: a server may echo a request's header or form field in an error.
struct Scrubber: Sendable {
    let secrets: [String]

    init(secrets: [String]) {
        // Longest first, so a secret containing another is blanked whole; very short values would blank ordinary
        // words and are not worth hiding.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    func callAsFunction(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }
}
