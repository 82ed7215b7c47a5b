import CZlib

/// A piece of a response compressed on its own (raw deflate), so that a part that changes only once per poll is
/// compressed once and joined, per scrape, with a freshly compressed small part into one gzip member.
///
/// Why not two gzip members back to back: RFC 1952 allows it and Prometheus (Go) reads them, but not every client
/// does. Raw deflate parts joined this way are one ordinary member: every part but the last ends with a sync flush
/// (byte-aligned, not final) and starts a fresh stream (no back-references into another part), the last ends the
/// stream, and the trailer's CRC-32 is combined from the parts' (`crc32_combine`).
struct DeflatedPart: Sendable {
    /// Raw deflate blocks.
    let bytes: [UInt8]
    /// CRC-32 of the uncompressed bytes.
    let crc: UInt32
    /// Length of the uncompressed bytes.
    let length: Int

    /// Compresses `input`; `final` ends the deflate stream (the last part of a response), otherwise the part ends
    /// with a sync flush so that another can follow.
    init(_ input: [UInt8], final: Bool, level: Int32 = 6) {
        var stream = z_stream()
        // Cannot fail for a valid level with memory available; a failure here is a programming error.
        precondition(czlib_deflate_init_raw(&stream, level) == Z_OK, "deflateInit2 failed")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 16)
        let produced = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> Int in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let result = deflate(&stream, final ? Z_FINISH : Z_SYNC_FLUSH)
                precondition(result == (final ? Z_STREAM_END : Z_OK), "deflate into a deflateBound buffer failed")
                return target.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(produced...)
        bytes = output
        crc = input.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        length = input.count
    }

    /// One gzip member (RFC 1952) holding `parts` in order; the last must have been made with `final: true`.
    static func gzip(_ parts: [DeflatedPart]) -> [UInt8] {
        var member: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]  // deflate, no flags, no mtime, unknown OS
        member.reserveCapacity(member.count + parts.reduce(0) { $0 + $1.bytes.count } + 8)
        var crc: uLong = 0
        var length: UInt32 = 0
        for part in parts {
            member += part.bytes
            crc = crc32_combine(crc, uLong(part.crc), off_t(part.length))
            length &+= UInt32(truncatingIfNeeded: part.length)
        }
        for value in [UInt32(truncatingIfNeeded: crc), length] {
            member += [UInt8(value & 0xff), UInt8(value >> 8 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 24)]
        }
        return member
    }
}
