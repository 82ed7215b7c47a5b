/// IDNA ASCII form of domain names (RFC 3492 Punycode per label, `xn--` prefix), so that an IDN such as
/// `bücher.example` gets the `ascii_name` Plesk reports (`xn--bcher-kva.example`).
///
/// Only the encoding direction and lower-casing are done; full UTS 46 mapping is out of scope for a simulator.
public enum Punycode {
    /// The ASCII-compatible form of a domain name: each non-ASCII label becomes `xn--<punycode>`.
    public static func asciiName(for name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false)
            .map { label -> String in
                let lowered = label.lowercased()
                if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
                return "xn--" + self.encode(lowered)
            }
            .joined(separator: ".")
    }

    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700

    /// Punycode of one label (without the `xn--` prefix).
    public static func encode(_ label: String) -> String {
        let input = label.unicodeScalars.map { Int($0.value) }
        var output: [UInt8] = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }

        var n = 128
        var delta = 0
        var bias = 72
        while handled < input.count {
            let m = input.filter { $0 >= n }.min() ?? n
            delta += (m - n) * (handled + 1)
            n = m
            for codePoint in input {
                if codePoint < n { delta += 1 }
                guard codePoint == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(self.digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(self.digit(q))
                bias = self.adapt(delta: delta, points: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }

    private static func adapt(delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
