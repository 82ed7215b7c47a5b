import Foundation
import InventoryModel
import PleskAPI

/// Facts that can be kept in the database with the poller's memory.
protocol RememberedFacts: Sendable {
    func write(to memory: inout MemoryBytes)
    init(from memory: inout MemoryBytes) throws
}

extension KnownObjects where Facts: RememberedFacts {
    /// Format version of ``encoded()``; a different one is not read (the first poll after an upgrade then reads
    /// every object in full, once). 2: varints instead of 8-byte integers. 3: fingerprints and enrichment hashes
    /// made with SipHash-1-3 instead of SipHash-2-4.
    private static var version: UInt64 { 3 }

    /// The binary form kept with the committed poll (about 50 bytes a domain: fingerprint, key, enrichment hash
    /// and facts).
    func encoded() -> Data {
        var memory = MemoryBytes(reservingCapacity: 64 * entries.count + 16)
        memory.write(Self.version)
        memory.write(entries.count)
        for (fingerprint, entry) in zip(fingerprints.inListOrder, entries) {
            memory.write(fingerprint.hash)
            memory.write(Int(fingerprint.length))
            switch entry.key {
            case .uuid(let uuid):
                memory.write(0)
                memory.write(uuid.high)
                memory.write(uuid.low)
            case .text(let text):
                memory.write(1)
                memory.write(text)
            }
            memory.write(UInt64(bitPattern: Int64(entry.enrichment)))
            entry.facts.write(to: &memory)
        }
        return Data(memory.bytes)
    }

    /// Reads ``encoded()``; nil when the bytes are not that (another version, or damaged).
    init?(decoding data: Data, key: FingerprintKey) {
        var memory = MemoryBytes(reading: [UInt8](data))
        do {
            guard try memory.readUInt64() == Self.version else { return nil }
            let count = try memory.readInt()
            guard count >= 0, count <= data.count / 8 else { return nil }
            var fingerprints: [ObjectFingerprint] = []
            var entries: [Entry] = []
            fingerprints.reserveCapacity(count)
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let hash = try memory.readUInt64()
                let length = try memory.readInt()
                fingerprints.append(ObjectFingerprint(hash: hash, length: UInt32(truncatingIfNeeded: length)))
                let key: CompactKey
                switch try memory.readInt() {
                case 0: key = .uuid(UUIDKey(high: try memory.readUInt64(), low: try memory.readUInt64()))
                case 1: key = .text(try memory.readString())
                default: return nil
                }
                let enrichment = Int(Int64(bitPattern: try memory.readUInt64()))
                entries.append(Entry(key: key, enrichment: enrichment, facts: try Facts(from: &memory)))
            }
            guard memory.isAtEnd else { return nil }
            self.init(fingerprints: KnownFingerprints(key: key, fingerprints), entries: entries)
        } catch {
            return nil
        }
    }
}

extension ListedDomain: RememberedFacts {
    func write(to memory: inout MemoryBytes) {
        memory.write(id)
        memory.write(baseDomainID)
        memory.write(aliases)
        memory.write(hostingType)
    }

    init(from memory: inout MemoryBytes) throws {
        self.init(
            id: try memory.readInt(), baseDomainID: try memory.readInt(), aliases: try memory.readInt(),
            hostingType: try memory.readString())
    }
}

extension ListedClient: RememberedFacts {
    func write(to memory: inout MemoryBytes) {
        memory.write(id)
        memory.write(login)
        memory.write(bucket)
    }

    init(from memory: inout MemoryBytes) throws {
        self.init(id: try memory.readInt(), login: try memory.readString(), bucket: try memory.readString())
    }
}
