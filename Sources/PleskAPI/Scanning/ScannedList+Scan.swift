import Foundation
import NIOCore
import NIOFoundationCompat

extension ScannedList where Element: Codable {
    /// Above this share of unknown objects one decode of the whole array is cheaper than one per object.
    static var wholeListShare: Double { 0.25 }

    /// Scans a JSON array of objects: fingerprints every object's bytes and decodes only those not `known` (all of
    /// them when most are new: one decode of the whole array is then cheaper).
    /// - Parameter whole: decodes the entire body the usual way. It is used when the scanner does not take the body
    ///   (not a plain array of objects), when most objects are unknown, and to throw the error a bad object deserves.
    /// - Throws: what `whole` throws, or a `DecodingError` naming the element that failed.
    public static func scan(
        _ body: ByteBuffer, known: KnownFingerprints, whole: () throws -> [Element]
    ) throws -> ScannedList<Element> {
        let scanned: (ranges: [Range<Int>], fingerprints: [ObjectFingerprint])? = body.withUnsafeReadableBytes { bytes in
            guard let ranges = JSONArrayScanner.objectRanges(in: bytes) else { return nil }
            return (ranges, ranges.map { ObjectFingerprint(bytes: UnsafeRawBufferPointer(rebasing: bytes[$0])) })
        }
        guard let (ranges, fingerprints) = scanned else {
            return ScannedList(elements: try whole(), fingerprint: ObjectFingerprint.init(encoding:))
        }
        let isKnown = known.contains(fingerprints)
        let unknown = fingerprints.indices.filter { !isKnown[$0] }
        if Double(unknown.count) > wholeListShare * Double(fingerprints.count) {
            let list = try whole()
            guard list.count == fingerprints.count else { throw corrupted(at: nil) }
            return ScannedList(elements: list, fingerprints: fingerprints)
        }
        var decoded: [Int: Element] = [:]
        decoded.reserveCapacity(unknown.count)
        let decoder = JSONDecoder()
        for index in unknown {
            guard let element = try? decoder.decode(Element.self, from: slice(body, ranges[index])) else {
                _ = try whole()
                throw corrupted(at: index)
            }
            decoded[index] = element
        }
        return ScannedList(fingerprints: fingerprints, decoded: decoded) { index in
            try JSONDecoder().decode(Element.self, from: slice(body, ranges[index]))
        }
    }

    private static func slice(_ body: ByteBuffer, _ range: Range<Int>) -> ByteBuffer {
        body.getSlice(at: body.readerIndex + range.lowerBound, length: range.count)!
    }

    private static func corrupted(at index: Int?) -> DecodingError {
        .dataCorrupted(
            .init(codingPath: index.map { [ListPosition(intValue: $0)] } ?? [], debugDescription: "malformed element"))
    }
}

/// A position in a list, as a coding path element.
private struct ListPosition: CodingKey {
    var stringValue: String { "\(intValue ?? 0)" }
    var intValue: Int?
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
