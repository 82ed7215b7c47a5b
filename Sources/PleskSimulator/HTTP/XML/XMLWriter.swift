/// Writes response packets straight into bytes: pretty (one element per line, two-space indent) or compact (no
/// whitespace between elements), escaping `&`, `<` and `>` in text, UTF-8 without a byte order mark.
///
/// One element name can be left out with everything inside it (the `missingField` fault). Like ``JSONWriter`` it
/// appends to a `[UInt8]`, which stays fast in debug builds.
struct XMLWriter {
    private(set) var bytes: [UInt8]
    let pretty: Bool
    /// An element never written (its content is skipped as well).
    var omitting: String?
    private(set) var depth: Int
    /// How deep inside an omitted element the writer is (0: writing).
    private var skipping = 0

    init(pretty: Bool, omitting: String? = nil, depth: Int = 0, capacity: Int = 1024) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
        self.pretty = pretty
        self.omitting = omitting
        self.depth = depth
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>` or the bare `<?xml version="1.0"?>`, and a line break.
    mutating func declaration(withEncoding: Bool) {
        self.raw(withEncoding ? #"<?xml version="1.0" encoding="UTF-8"?>"# : #"<?xml version="1.0"?>"#)
        self.bytes.append(0x0A)
    }

    /// `<name attribute="value">` (the value is escaped as text, plus `"`).
    mutating func open(_ name: String, attribute: (name: String, value: String)? = nil) {
        if self.skipping > 0 || name == self.omitting {
            self.skipping += 1
            return
        }
        self.indent()
        self.bytes.append(UInt8(ascii: "<"))
        self.raw(name)
        if let attribute {
            self.bytes.append(UInt8(ascii: " "))
            self.raw(attribute.name)
            self.raw("=\"")
            self.escaped(attribute.value, quotes: true)
            self.bytes.append(UInt8(ascii: "\""))
        }
        self.bytes.append(UInt8(ascii: ">"))
        self.newline()
        self.depth += 1
    }

    mutating func close(_ name: String) {
        if self.skipping > 0 {
            self.skipping -= 1
            return
        }
        self.depth -= 1
        self.indent()
        self.raw("</")
        self.raw(name)
        self.bytes.append(UInt8(ascii: ">"))
        self.newline()
    }

    /// `<name>text</name>`, or `<name/>` for empty text.
    mutating func leaf(_ name: String, _ text: String) {
        guard self.skipping == 0, name != self.omitting else { return }
        if text.isEmpty { return self.empty(name) }
        self.indent()
        self.bytes.append(UInt8(ascii: "<"))
        self.raw(name)
        self.bytes.append(UInt8(ascii: ">"))
        self.escaped(text, quotes: false)
        self.raw("</")
        self.raw(name)
        self.bytes.append(UInt8(ascii: ">"))
        self.newline()
    }

    mutating func leaf(_ name: String, _ value: Int) {
        self.leaf(name, String(value))
    }

    mutating func leaf(_ name: String, _ value: Int64) {
        self.leaf(name, String(value))
    }

    mutating func leaf(_ name: String, _ value: Bool) {
        self.leaf(name, value ? "true" : "false")
    }

    /// `<name/>`.
    mutating func empty(_ name: String) {
        guard self.skipping == 0, name != self.omitting else { return }
        self.indent()
        self.bytes.append(UInt8(ascii: "<"))
        self.raw(name)
        self.raw("/>")
        self.newline()
    }

    /// Bytes written by another writer at this depth with the same layout (a cached fragment).
    mutating func append(fragment: [UInt8]) {
        guard self.skipping == 0 else { return }
        self.bytes.append(contentsOf: fragment)
    }

    // MARK: Bytes

    private mutating func indent() {
        guard self.pretty, self.depth > 0 else { return }
        self.bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: self.depth * 2))
    }

    private mutating func newline() {
        if self.pretty { self.bytes.append(0x0A) }
    }

    private mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { self.bytes.append(contentsOf: $0) }
    }

    private mutating func escaped(_ text: String, quotes: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var plain = true
            for byte in utf8
            where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || (quotes && byte == UInt8(ascii: "\""))
            {
                plain = false
                break
            }
            guard !plain else { return self.bytes.append(contentsOf: utf8) }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "&"): self.raw("&amp;")
                case UInt8(ascii: "<"): self.raw("&lt;")
                case UInt8(ascii: ">"): self.raw("&gt;")
                case UInt8(ascii: "\"") where quotes: self.raw("&quot;")
                default: self.bytes.append(byte)
                }
            }
        }
    }
}
