/// One element of a parsed request packet: the little of XML that `agent.php` requests use (elements, attributes,
/// text), with the line it started on for libxml-style error messages.
struct PacketElement: Sendable {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [PacketElement]
    /// Character data directly inside the element (entities decoded, CDATA included), untrimmed.
    var text: String
    var line: Int

    func attribute(_ name: String) -> String? {
        self.attributes.first { $0.name == name }?.value
    }

    /// Whether the element has character content other than whitespace.
    var hasText: Bool {
        self.text.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    /// The text without surrounding whitespace (what an XSD simple type sees after whitespace collapsing).
    var trimmedText: String {
        let utf8 = self.text.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self.text[first...last])
    }
}
