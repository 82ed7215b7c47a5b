import NIOCore
import TestSupport

@testable import PleskAPI

/// Runs the XML collector over a body cut into chunks, as the client feeds it.
enum XMLScan {
    /// `body` fed in chunks of the given sizes (the rest in one last chunk).
    static func scan<Element: XMLResultDecodable>(
        _ type: Element.Type, _ body: String, known: KnownFingerprints = .none, chunkSizes: [Int] = []
    ) throws -> ScannedList<Element> {
        let bytes = Array(body.utf8)
        var collector = XMLResultCollector<Element>(known: known)
        var start = 0
        for size in chunkSizes where start < bytes.count {
            let end = min(bytes.count, start + size)
            try collector.feed(ByteBuffer(bytes: bytes[start..<end]))
            start = end
        }
        if start < bytes.count || bytes.isEmpty { try collector.feed(ByteBuffer(bytes: bytes[start...])) }
        return try collector.finish()
    }

    static func subscriptions(
        _ body: String, known: KnownFingerprints = .none, chunkSizes: [Int] = []
    ) throws -> ScannedList<PleskSubscription> {
        try scan(PleskSubscription.self, body, known: known, chunkSizes: chunkSizes)
    }

    static func plans(
        _ body: String, known: KnownFingerprints = .none, chunkSizes: [Int] = []
    ) throws -> ScannedList<PleskServicePlan> {
        try scan(PleskServicePlan.self, body, known: known, chunkSizes: chunkSizes)
    }

    /// The error scanning `body` throws (nil when it does not throw).
    static func failure<Element: XMLResultDecodable>(
        _ elementType: Element.Type, _ body: String, known: KnownFingerprints = .none, chunkSizes: [Int] = []
    ) -> XMLPacketError? {
        do {
            _ = try scan(elementType, body, known: known, chunkSizes: chunkSizes)
            return nil
        } catch let error as XMLPacketError {
            return error
        } catch {
            return XMLPacketError(reason: .other, detail: "unexpected \(type(of: error)): \(error)")
        }
    }

    /// Random chunk sizes from 1 to `largest` covering `count` bytes.
    static func randomChunkSizes(count: Int, largest: Int, seed: UInt64) -> [Int] {
        var random = SeededRandom(seed: seed)
        var sizes: [Int] = []
        var total = 0
        while total < count {
            let size = Int.random(in: 1...largest, using: &random)
            sizes.append(size)
            total += size
        }
        return sizes
    }

    /// Known fingerprints made with the fixed test key.
    static func known(_ fingerprints: [ObjectFingerprint]) -> KnownFingerprints {
        KnownFingerprints(key: KnownFingerprints.none.key, fingerprints)
    }
}
