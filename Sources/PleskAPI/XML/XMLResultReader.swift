/// Reads the fields of one `<result>`, naming the object (kind, id, position in the list) in every error.
struct XMLResultReader {
    let result: XMLTreeElement
    let kind: String
    /// The result's position in the list, counted from 0.
    let position: Int
    /// `result/id`, once read.
    private(set) var id: Int?

    init(result: XMLTreeElement, kind: String, position: Int) {
        self.result = result
        self.kind = kind
        self.position = position
    }

    /// `result/id`, which must be there: it names the object in later errors.
    mutating func requiredID() throws(XMLPacketError) -> Int {
        let id = try requiredInt("id")
        self.id = id
        return id
    }

    /// The text at `path` (below `result`), which must be there and not be empty.
    func required(_ path: String) throws(XMLPacketError) -> String {
        guard let element = result.descendant(path) else { throw failure("required field \(path) is missing") }
        let value = element.value
        guard !value.isEmpty else { throw failure("required field \(path) is empty") }
        return value
    }

    func requiredInt(_ path: String) throws(XMLPacketError) -> Int {
        guard let value = Int(try required(path)) else { throw failure("field \(path) is not an integer") }
        return value
    }

    /// The text at `path`, nil when absent or empty.
    func optional(_ path: String) -> String? {
        guard let value = result.descendant(path)?.value, !value.isEmpty else { return nil }
        return value
    }

    /// The integer at `path`, nil when absent, empty or not an integer (measured values: never worth a failed list).
    func optionalInt64(_ path: String) -> Int64? {
        optional(path).flatMap { Int64($0) }
    }

    /// `limits/overuse` and every `limits/limit` whose value is an integer (the last one wins for a repeated name).
    func limits(_ path: String) -> (overuse: String?, limits: [String: Int64]) {
        guard let limits = result.descendant(path) else { return (nil, [:]) }
        var values: [String: Int64] = [:]
        for limit in limits.children("limit") {
            guard let name = limit.child("name")?.value, !name.isEmpty,
                let value = limit.child("value").flatMap({ Int64($0.value) })
            else { continue }
            values[name] = value
        }
        let overuse = limits.child("overuse")?.value
        return (overuse?.isEmpty == false ? overuse : nil, values)
    }

    func failure(_ what: String) -> XMLPacketError {
        let object = id.map { "\(kind) id \($0) (result \(position))" } ?? "\(kind) result \(position)"
        return .decode("\(object): \(what)")
    }
}
