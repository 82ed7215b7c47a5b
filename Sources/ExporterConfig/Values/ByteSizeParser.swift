/// Byte sizes like `256MiB`, `64MB`, `1048576`.
///
/// Units (case-insensitive): `B`, `K`/`KB`/`KiB`, `M`/`MB`/`MiB`, `G`/`GB`/`GiB`, `T`/`TB`/`TiB`.
/// As in Prometheus' own flags, all of them are powers of 1024: `64MB` is 64 × 1024² bytes.
public enum ByteSizeParser {
    private static let units: [(names: [String], multiplier: Int)] = [
        (["tib", "tb", "t"], 1 << 40), (["gib", "gb", "g"], 1 << 30), (["mib", "mb", "m"], 1 << 20),
        (["kib", "kb", "k"], 1 << 10), (["b", ""], 1),
    ]

    /// The number of bytes written in `text`, or nil if it is not a valid size.
    public static func parse(_ text: String) -> Int? {
        let digits = text.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let unit = text.dropFirst(digits.count).trimmingPrefix(while: \.isWhitespace).lowercased()
        guard let multiplier = units.first(where: { $0.names.contains(unit) })?.multiplier else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }

    /// The largest binary unit that divides `bytes` exactly: `256MiB`, `1536KiB`, `1000B`.
    public static func format(_ bytes: Int) -> String {
        guard bytes != 0 else { return "0B" }
        let names = ["TiB", "GiB", "MiB", "KiB", "B"]
        for (unit, name) in zip(units, names) where bytes % unit.multiplier == 0 {
            return "\(bytes / unit.multiplier)\(name)"
        }
        return "\(bytes)B"
    }
}
