/// Object JSON as stored: every `"name":` of a known field name written as one control byte.
///
/// Stored objects are canonical JSON whose field names repeat in every row: 80–100 of a domain's 240 bytes.
/// JSON text never holds a raw byte below 0x20 (RFC 8259 §7 requires them escaped), so bytes 0x02–0x1F are free to
/// stand for the names, and a leading 0x01 marks the packed form. Unpacking is byte substitution, so the round trip
/// is exact whatever the text (a name inside an escaped string comes back as it was). Text that does hold such a
/// byte is stored as it is (behind a 0x02 when it starts with 0x01 or 0x02); rows written before packing, which
/// start with `{`, are read as they are.
///
/// Deflate with a preset dictionary would store less (about 75 bytes a domain) but cost 11–13 µs a row to write
/// (a one-off test of zlib on these rows): more than a second of a 100,000-domain baseline. Packing is one pass.
///
/// The table is part of the file format: names may be added at the end (up to 0x1F), never changed or reordered.
package enum PackedJSON {
    static let marker: UInt8 = 0x01
    /// Before unpacked text that would otherwise read as packed. Only ever the first byte, where packed text has
    /// ``marker``, so it cannot be mistaken for the first name's token.
    static let verbatim: UInt8 = 0x02

    /// The field names, from byte 0x02 on.
    static let names: [String] = [
        // domains
        "aliases", "ascii_name", "base_domain_id", "created", "hosting_type", "id", "name", "owner", "www_root",
        // clients
        "company", "description", "email", "locale", "login", "status", "type", "owner_login", "external_id",
        // subscriptions and plans
        "owner_id", "states", "plan", "plan_guid", "addon_plans", "locked", "synchronized", "limits", "overuse",
        "guid",
    ]

    /// Token byte → the bytes it stands for (`"name":`).
    private static let expansions: [[UInt8]] = names.map { Array("\"\($0)\":".utf8) }

    /// For each name length, the (token, name bytes) of that length.
    private static let byLength: [[(token: UInt8, name: [UInt8])]] = {
        var table = [[(token: UInt8, name: [UInt8])]](repeating: [], count: 32)
        for (index, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            table[bytes.count].append((UInt8(index) + 2, bytes))
        }
        return table
    }()

    /// The packed form of `json`, or `json` itself when it holds a byte packing would make ambiguous.
    package static func pack(_ json: String) -> String {
        var json = json
        let packed = json.withUTF8 { source -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(source.count)
            out.append(marker)
            var index = 0
            let count = source.count
            while index < count {
                let byte = source[index]
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\"") {
                    // A candidate name runs to the next quote and is followed by a colon.
                    var end = index + 1
                    while end < count, source[end] != UInt8(ascii: "\""), end - index <= 32 { end += 1 }
                    let length = end - index - 1
                    if end + 1 < count, length < 32, source[end] == UInt8(ascii: "\""),
                        source[end + 1] == UInt8(ascii: ":"),
                        let token = token(source, from: index + 1, length: length)
                    {
                        out.append(token)
                        index = end + 2
                        continue
                    }
                }
                out.append(byte)
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        if let packed { return packed }
        if let first = json.utf8.first, first == marker || first == verbatim { return "\u{2}" + json }
        return json
    }

    /// The JSON text that `stored` packs, or `stored` itself when it is not packed.
    package static func unpack(_ stored: String) -> String {
        var stored = stored
        return stored.withUTF8 { source -> String? in
            if source.first == verbatim { return String(decoding: source.dropFirst(), as: UTF8.self) }
            guard source.first == marker else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(source.count * 2)
            for byte in source.dropFirst() {
                if byte >= 0x02, byte < 0x20, Int(byte) - 2 < expansions.count {
                    out.append(contentsOf: expansions[Int(byte) - 2])
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? stored
    }

    /// `unpack` for an optional column.
    package static func unpack(_ stored: String?) -> String? {
        stored.map { unpack($0) }
    }

    private static func token(_ source: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> UInt8? {
        for candidate in byLength[length] {
            var equal = true
            for offset in 0..<length where source[start + offset] != candidate.name[offset] {
                equal = false
                break
            }
            if equal { return candidate.token }
        }
        return nil
    }
}
