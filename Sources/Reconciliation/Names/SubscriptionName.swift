import Foundation

/// Subscription names as reconciliation compares them: lowercase IDNA ASCII (SPEC §16), so `Müller-Bau.de`,
/// `müller-bau.de` and `xn--mller-bau-q9a.de` are one name whichever form billing exported.
///
/// Each label is put in Unicode normalisation form C and lowercased, then Punycode-encoded (RFC 3492) with the `xn--`
/// prefix when it is not ASCII. That is IDNA2008's ToASCII without the UTS #46 mapping table: enough for the names
/// registries accept, whose mapping is case and composition.
public enum SubscriptionName {
    /// The comparable form of `name`, or nil when it is empty or a label cannot be encoded.
    public static func normalized(_ name: String) -> String? {
        // Most names are plain lowercase ASCII already (Plesk's ascii_name, most exports): one pass over the bytes.
        if let plain = plainASCII(name) { return plain }
        var text = name.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        var labels: [String] = []
        for label in text.precomposedStringWithCanonicalMapping.lowercased().split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else { return nil }
            if label.unicodeScalars.allSatisfy(\.isASCII) {
                labels.append(String(label))
            } else {
                guard let encoded = Punycode.encode(Array(label.unicodeScalars)) else { return nil }
                labels.append("xn--" + encoded)
            }
        }
        return labels.joined(separator: ".")
    }

    /// `name` lowercased when it is printable ASCII without spaces, with no empty label and no trailing dot (what
    /// the full path would return unchanged but for case); nil otherwise.
    private static func plainASCII(_ name: String) -> String? {
        var previous: UInt8 = UInt8(ascii: ".")
        var upper = false
        for byte in name.utf8 {
            guard byte > 0x20, byte < 0x7F, !(byte == UInt8(ascii: ".") && previous == UInt8(ascii: ".")) else {
                return nil
            }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { upper = true }
            previous = byte
        }
        guard previous != UInt8(ascii: ".") else { return nil }
        return upper ? name.lowercased() : name
    }
}

/// RFC 3492's encoder (the decoder is never needed: names are compared in ASCII). The simulator has its own
/// (`PleskSimulator/Support/Punycode.swift`) on purpose, like its own XML parser: the product must not depend on the
/// simulator, and two independent encoders checked against the RFC's vectors cannot hide each other's mistakes.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    static func encode(_ input: [Unicode.Scalar]) -> String? {
        var output = String(String.UnicodeScalarView(input.filter(\.isASCII)))
        let basic = output.unicodeScalars.count
        var handled = basic
        if basic > 0 { output.append("-") }
        var n = initialN
        var delta = 0
        var bias = initialBias
        let values = input.map { Int($0.value) }
        while handled < values.count {
            guard let next = values.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow else { return nil }
            delta += product
            n = next
            for value in values {
                if value < n { delta += 1 }
                guard value == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, points: handled + 1, first: handled == basic)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return output
    }

    private static func digit(_ value: Int) -> Character {
        Character(Unicode.Scalar(UInt8(value < 26 ? 97 + value : 22 + value)))
    }

    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
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
