import CZlib

/// Inflates a gzip body the way a scraper does; nil when it is not valid gzip (bad header, CRC or length).
func gunzip(_ bytes: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard czlib_inflate_init_gzip(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var input = bytes
    return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
        stream.next_in = source.baseAddress
        stream.avail_in = uInt(source.count)
        while true {
            let (result, produced) = chunk.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let result = inflate(&stream, Z_NO_FLUSH)
                return (result, target.count - Int(stream.avail_out))
            }
            output += chunk[..<produced]
            if result == Z_STREAM_END { return stream.avail_in == 0 ? output : nil }
            guard result == Z_OK else { return nil }
        }
    }
}
