/// One XML element of a result, as a small tree: its name, its own text and its child elements (attributes, comments
/// and processing instructions dropped). Enough to read a result's fields by path.
struct XMLTreeElement: Sendable, Hashable {
    var name: String
    /// The character data directly inside, entities resolved and CDATA included, as received (untrimmed).
    var text: String
    var children: [XMLTreeElement]

    init(name: String, text: String = "", children: [XMLTreeElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child named `name`.
    func child(_ name: String) -> XMLTreeElement? {
        children.first { $0.name == name }
    }

    /// Every child named `name`, in order.
    func children(_ name: String) -> [XMLTreeElement] {
        children.filter { $0.name == name }
    }

    /// The first element along `path` (`"data/gen_info/name"`).
    func descendant(_ path: String) -> XMLTreeElement? {
        var element = self
        var rest = path[...]
        while !rest.isEmpty {
            let name: Substring
            if let slash = rest.firstIndex(of: "/") {
                name = rest[..<slash]
                rest = rest[rest.index(after: slash)...]
            } else {
                name = rest
                rest = ""
            }
            guard let next = element.children.first(where: { $0.name == name }) else { return nil }
            element = next
        }
        return element
    }

    /// The text without surrounding whitespace (pretty-printed answers indent container elements only, but a value
    /// is never meant to start or end with blanks).
    var value: String {
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, Self.isBlank(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, Self.isBlank(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t"
    }
}
